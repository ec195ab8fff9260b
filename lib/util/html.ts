/**
 * The one HTML escaper of the course: text placed in HTML (a table cell, a plot's description,
 * a feedback page, the rendered course) and in attribute values. Escapes & < > " and '.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}
