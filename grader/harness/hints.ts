/**
 * One hint per exercise, shown by the reports (console table, Gradescope, batch feedback) only
 * when the exercise is not fully passed. A hint points at what to check again; it never gives
 * the answer. Keyed by the exercise's name; `exercise()` attaches it to every case.
 */
export const HINTS: Readonly<Record<string, string>> = {
  // 01 derivatives
  centralDifference:
    "Both evaluations sit h away from x, one on each side; divide by their distance.",
  sigmoidDerivative:
    "Write the derivative through sigma(z) itself, and compute sigma(z) in a form that does not overflow for large |z|.",
  numericalGradient:
    "Perturb one coordinate at a time on a copy of x, and restore it before the next one.",
  relativeError:
    "The error is the largest entrywise ratio; its denominator is |a_i| + |b_i| with a floor of 1e-8, so two zero entries give 0.",
  logisticLossAndGradient:
    "Re-check dL/dz_i first (differentiate ln sigma through sigma' = sigma(1 - sigma)), then dz_i/dw and dz_i/db; the penalty touches w only. Keep the loss finite for large |z| with a stable log(1 + e^z).",
  reverseModeGradient:
    "Run the tape forward once, then walk it backwards, adding each node's adjoint into its inputs (a value used twice receives two contributions).",
  quadraticFormGradient:
    "Differentiate x'Ax one coordinate x_k at a time: x_k appears in row k and in column k of A; A need not be symmetric.",
  logisticHessian:
    "Differentiate one coordinate of your gradient with respect to w_k: which factor depends on w, and what does the chain rule give for it? Compare a row with central differences of your gradient.",
  residualNormGradient:
    "Write f = sqrt(u) with u = ||r||^2, r = Ax - y, and apply the chain rule one link at a time; check the shape of each factor (d entries out, A has n rows).",
  derivativesQuiz: "Notebook 01's sections on the error of finite differences and on reverse mode.",
  // 02 gradient descent
  gdStep: "Return a new array; the step goes against the gradient.",
  gradientDescent:
    "Return a copy of p0 first and every iterate after it; as soon as an iterate is not finite, throw an error naming the step and the learning rate.",
  backtrackingLineSearch:
    "Compare J at the trial point with J(p) - c alpha ||g||^2, shrink alpha until it holds, and return 0 when no tried value is accepted.",
  exactQuadraticStep:
    "Expand J(p + alpha d) in powers of alpha (the gradient of J at p is needed, with its sign), set the derivative in alpha to zero; the default direction is -grad J(p), and alpha may come out negative.",
  stepDecay: "The exponent is the number of completed periods of length s, an integer.",
  cosineAnnealing:
    "At t = 0 the rate is etaMax, at t = T it is etaMin, and after T it stays there; check the factor 1/2.",
  linearDecay:
    "The rate moves in a straight line from alpha0 (t = 0) to alphaRho (t = rho) and stays there afterwards.",
  inverseTimeRecursion:
    "Apply the recursion step by step, each time dividing the previous rate; it is not the closed form eta0 / (1 + rho t).",
  optimalFixedStep:
    "On a quadratic, gradient descent multiplies the error along each eigenvector by 1 - eta lambda; balance the worst two of these factors.",
  stepsToReach:
    "Start from the best constant rate (your optimalFixedStep), solve rate^t <= eps for t with logarithms (both are negative: watch the inequality's direction), and round to an integer the right way.",
  cosineTotal:
    "Split the sum into the constant part and the cosine part; sum cos(pi t / T) as the real part of a geometric series, and check your closed form against a loop for T = 1, 2, 3.",
  gradientDescentQuiz:
    "Notebook 02: what 1 - eta lambda does for each eigenvalue, and the Polyak-Lojasiewicz inequality.",
  // 03 Newton
  newtonRoot:
    "Stop on |f(x)| <= tol; throw when maxIter updates did not get there (never return a point that is not a root), and report a zero derivative instead of dividing by it.",
  solveLinear:
    "Before eliminating column k, swap in the row with the largest |entry| in that column; then back-substitute.",
  newtonStep: "Solve H d = g (do not invert H), then move by -alpha d.",
  dampedNewton:
    "Try the full step first and shrink it until the Armijo condition holds; fall back to d = g when the solve fails or d is not a descent direction.",
  bfgsUpdate:
    "Check the secant condition H+ y = s on your result, and return a copy of H when y's <= 0.",
  newtonSqrt:
    "Choose a function whose root is sqrt(a) and apply Newton's root update to it; return x0 as the first entry.",
  newtonReciprocal:
    "Which simple function of x is zero at x = 1/a and keeps a out of any denominator? Write its derivative, simplify x - f/f' fully, and check one step by hand (a = 3, x0 = 0.5).",
  newtonPowerFactor:
    "Differentiate sign(x)|x|^q for x > 0 and x < 0 separately (the sign cancels), then simplify f(x) / f'(x) before subtracting it from x.",
  safeguardedNewton:
    "Read the failure: a maximum or a saddle means you accepted a step the Hessian did not make a descent step (check its curvature, not just the solve); a start with zero gradient still needs a way out; running out of budget means your steps shrink too fast or you re-evaluate what you already know. Count every value, grad and hessian call.",
  newtonQuiz:
    "Notebook 03: what Newton's step does on a quadratic, and the cost of solving H d = g.",
  // 04 momentum, RMSProp, Adam
  sgdStep:
    "Add weight decay to g first; PyTorch's first step sets the buffer to g itself (dampening only applies from step 2); Nesterov steps along g + mu b, not along b.",
  rmspropStep: "eps is added after the square root, and the average starts from the given state.",
  adamStep:
    "Bias-correct both moments with the power of the step number t = state.step + 1, and add eps after the square root.",
  adamwStep:
    "Decay the parameters first, then do an Adam step without L2 on the decayed parameters.",
  clipGradNorm:
    "One norm over all arrays together; never scale up (the factor is at most 1), and return the norm before clipping.",
  emaMomentumStep: "The buffer is an average: the new gradient enters with weight 1 - beta.",
  heavyBallStep: "The velocity already contains the learning rate and the sign; p moves by +v.",
  heavyBallFromEma:
    "Guess v_t = c m_t, write both updates for the same gradients, and match the coefficients of m_{t-1} and g.",
  optimalHeavyBall:
    "Write the characteristic polynomial of the 2 x 2 matrix; when its roots are complex, their modulus does not depend on lambda. Make that hold at both ends of the interval.",
  normRmspropStep:
    "s is one number: the average of the squared norm of the whole gradient, not of each entry.",
  normAdamStep:
    "Only the second moment is a scalar (of ||g||^2); the first moment stays a vector, and both are bias-corrected.",
  nesterovRate:
    "Substitute y_t into the update to get p_{t+1} from p_t and p_{t-1} alone (grad J(y) = lambda y); the gradient is taken at y_t, not at p_t. Then find the roots of z^2 - (coefficient) z + (coefficient), complex or real.",
  nesterovTuned:
    "With alpha = 1/lambdaMax, write q = 1 - alpha lambda for each curvature; find where the discriminant of your characteristic polynomial vanishes at the smallest curvature, and check that inside the interval the roots are complex and smaller.",
  momentumQuiz:
    "Notebook 04: PyTorch's first momentum step, Adam's first step, and where eps goes.",
  // 05 SGD on MNIST
  shuffledBatches:
    "Draw one permutation per epoch from the given rng only, then cut it into consecutive slices of B.",
  softmax: "Subtract each row's maximum before exponentiating.",
  softmaxCrossEntropy:
    "Differentiate one row first: ln softmax(z)_y = z_y - ln sum_l e^{z_l}; treat j = y and j != y separately. Then remember the loss is a mean over the n rows. Compute the log-sum-exp stably.",
  denseForward:
    "W is dOut x dIn (PyTorch's layout): row o of W meets row i of X; all arrays are row-major.",
  denseBackward:
    "Write Y[i][o] as a sum and ask, for one entry of X (or W, or b), which entries of Y it appears in; sum dY over exactly those. Then check each result has the shape of what it differentiates.",
  mlpLossAndGradient:
    "Go backwards one step at a time: each step needs the gradient with respect to its own output. Through the ReLU, ask what relu'(a) is where a > 0 and where a <= 0, and use the pre-activations to decide.",
  sgdEpoch:
    "Take the batches from shuffledBatches with the given rng, and update the parameters after every batch.",
  labelSmoothingGradient:
    "Differentiate -sum_k q_k log softmax(z)_k; remember that the q_k sum to 1.",
  weightedCrossEntropy:
    "Start from one row: the weight is a constant factor on its term. Then divide by the same normaliser as the loss (the sum of the weights used, not n), and check that all weights equal to 1 give softmaxCrossEntropy.",
  softmaxSquaredErrorGradient:
    "First find d softmax(z)_j / d z_m for j = m and j != m; then apply the chain rule to 1/2 sum_j (s_j - t_j)^2, summing over j for each m. Compare with central differences.",
  sgdQuiz: "Notebook 05: how an epoch is cut into batches, and what the softmax gradient sums to.",
};
