/**
 * The plot-label style the browser check holds every drawn plot to. Math spelled in ASCII or TeX in a plot's text, where the course writes Unicode (η, κ, x₀, pₙ,
 * 10⁻⁸): an underscore or caret index (`p_n`, `w_{t,i}`, `e^(−m)`), a digit as an index (`x0`), a
 * TeX command or brace, or a Greek letter spelled out (`lambda`, `eps`).
 */
export const ASCII_MATH =
  /[A-Za-z)]_[A-Za-z0-9{]|\^|\b[a-z][0-9]\b|\\[A-Za-z]+|[{}]|\b(?:alpha|beta|gamma|delta|epsilon|eps|eta|theta|kappa|lambda|mu|nu|rho|sigma|tau|phi)\b/;
