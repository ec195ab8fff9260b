/**
 * The grading desk's one page: plain HTML and a script, no build step. Keys (outside a text
 * field): j / k the next / previous answer, 1-9 apply or remove rubric item k, r reload.
 * Every change is saved at once, based on the version the page holds; when the server answers
 * 409 (another grader changed that mark or rubric first), the page takes the stored version,
 * applies its own change again (set this item on or off, set this comment, set this item's
 * points) and saves once more, so neither grader's work is lost.
 */

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1b1b1b; }
header { padding: 8px 16px; background: #f1f3f5; border-bottom: 1px solid #ccc; }
header button { margin-right: 6px; } header button.on { font-weight: bold; }
main { display: grid; grid-template-columns: 3fr 2fr; gap: 16px; padding: 16px; }
blockquote { white-space: pre-wrap; background: #fffbe6; padding: 10px; margin: 8px 0; }
.item { display: block; margin: 2px 0; } .item.applied { background: #d3f9d8; }
aside input.rp { width: 4em; } aside input.rc { width: 75%; } aside li { margin: 4px 0; }
#status { position: fixed; bottom: 0; left: 0; right: 0; padding: 4px 16px; background: #eee; }
.regrade { border-left: 4px solid #e8590c; padding-left: 8px; margin: 8px 0; }
`;

const SCRIPT = String.raw`
let state = [], qi = 0, ai = 0;
const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...kids) => { const e = Object.assign(document.createElement(tag), props); e.append(...kids); return e; };
const status = (s) => { $("status").textContent = s; };
const blank = () => ({ version: 0, items: [], comment: "", adjustment: 0 });
const Q = () => state[qi];
const A = () => Q().answers[ai];
function markPoints(m, q) {
  if (!m) return null;
  if (m.override) return m.override.points;
  const sum = m.items.reduce((s, id) => s + (q.rubric.items.find((i) => i.id === id)?.points ?? 0), 0);
  return Math.round(Math.min(q.points, Math.max(0, sum + m.adjustment)) * 1e4) / 1e4;
}
async function load() {
  const r = await fetch("/api/state");
  state = await r.json();
  qi = Math.min(qi, state.length - 1);
  ai = Math.min(ai, Q().answers.length - 1);
  render();
}
async function put(path, body) {
  const r = await fetch(path, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: r.status, body: await r.json() };
}
async function changeMark(qid, student, change) {
  const q = state.find((x) => x.id === qid);
  const ans = q.answers.find((x) => x.student === student);
  for (let tries = 0; tries < 10; tries++) {
    const cur = ans.mark ?? blank();
    const next = change(structuredClone(cur));
    const r = await put("/api/mark", { question: qid, student, base: cur.version, mark: next });
    if (r.status === 200) { ans.mark = r.body; render(); status("saved " + student + " (version " + r.body.version + ")"); return; }
    if (r.status !== 409) { status("not saved: " + r.body.error); return; }
    ans.mark = r.body.current; // another grader was first: apply this change to theirs
    document.body.dataset.conflicts = String(Number(document.body.dataset.conflicts ?? 0) + 1);
  }
  status("not saved: too many conflicts; press r");
}
async function changeRubric(qid, change) {
  const q = state.find((x) => x.id === qid);
  for (let tries = 0; tries < 10; tries++) {
    const r = await put("/api/rubric", { question: qid, base: q.rubric.version, items: change(structuredClone(q.rubric.items)) });
    if (r.status === 200) { q.rubric = r.body; render(); status("rubric saved (version " + r.body.version + ")"); return; }
    if (r.status !== 409) { status("not saved: " + r.body.error); return; }
    q.rubric = r.body.current;
  }
  status("rubric not saved: too many conflicts; press r");
}
function toggle(k) {
  const q = Q(), a = A(), item = q.rubric.items[k - 1];
  if (!item) return;
  const on = !(a.mark?.items ?? []).includes(item.id);
  changeMark(q.id, a.student, (m) => {
    m.items = on ? [...new Set([...m.items, item.id])] : m.items.filter((i) => i !== item.id);
    return m;
  });
}
function renderAnswer(q, a) {
  const pts = markPoints(a.mark, q);
  const box = $("answer");
  box.replaceChildren(
    el("h2", { id: "who", textContent: a.label }),
    el("div", { id: "points", textContent: pts === null ? "not graded" : pts + " / " + q.points }),
    el("blockquote", { id: "text", textContent: a.answer || "(no answer)" }),
  );
  q.rubric.items.forEach((it, i) => {
    const on = (a.mark?.items ?? []).includes(it.id);
    const line = el("label", { className: "item" + (on ? " applied" : "") },
      el("input", { type: "checkbox", checked: on, onchange: () => toggle(i + 1) }),
      " " + (i + 1) + ". " + (it.points >= 0 ? "+" : "") + it.points + " " + it.comment);
    line.dataset.k = String(i + 1);
    box.append(line);
  });
  const comment = el("textarea", { id: "comment", rows: 2, cols: 60, value: a.mark?.comment ?? "", placeholder: "comment to the student" });
  comment.onchange = () => changeMark(q.id, a.student, (m) => ({ ...m, comment: comment.value }));
  const adjust = el("input", { id: "adjust", type: "number", step: "0.5", value: a.mark?.adjustment ?? 0 });
  adjust.onchange = () => changeMark(q.id, a.student, (m) => ({ ...m, adjustment: Number(adjust.value) || 0 }));
  box.append(el("p", {}, comment), el("p", {}, "adjustment ", adjust));
  for (const reason of a.regrades) {
    const pts2 = el("input", { type: "number", step: "0.5", className: "op", value: a.mark?.override?.points ?? pts ?? 0 });
    const why = el("input", { className: "or", size: 50, value: a.mark?.override?.reason ?? "", placeholder: "your answer to the request" });
    const go = el("button", { textContent: "answer with an override", onclick: () =>
      changeMark(q.id, a.student, (m) => ({ ...m, override: { points: Number(pts2.value), reason: why.value } })) });
    box.append(el("div", { className: "regrade" }, el("b", { textContent: "Regrade request: " }), reason, el("br"), pts2, " ", why, " ", go));
  }
}
function renderRubric(q) {
  const list = el("ol", { id: "rubric" });
  q.rubric.items.forEach((it) => {
    const p = el("input", { className: "rp", type: "number", step: "0.5", value: it.points });
    const c = el("input", { className: "rc", value: it.comment });
    p.onchange = () => changeRubric(q.id, (items) => items.map((i) => (i.id === it.id ? { ...i, points: Number(p.value) } : i)));
    c.onchange = () => changeRubric(q.id, (items) => items.map((i) => (i.id === it.id ? { ...i, comment: c.value } : i)));
    list.append(el("li", {}, p, " ", c));
  });
  const np = el("input", { id: "new-points", className: "rp", type: "number", step: "0.5", value: 1 });
  const nc = el("input", { id: "new-comment", className: "rc", placeholder: "new rubric item" });
  const add = el("button", { id: "add-item", textContent: "add", onclick: () => {
    const item = { id: "i" + Date.now().toString(36) + Math.random().toString(36).slice(2, 6), points: Number(np.value), comment: nc.value };
    changeRubric(q.id, (items) => [...items, item]);
  } });
  $("side").replaceChildren(
    el("h3", { textContent: q.id + " (" + q.points + " points)" }),
    el("p", { id: "question", textContent: q.text }),
    el("h3", { textContent: "Reference" }),
    el("p", { id: "reference", textContent: q.reference }),
    el("h3", { textContent: "Rubric (keys 1-9)" }), list, el("p", {}, np, " ", nc, " ", add),
  );
}
function render() {
  const q = Q(), a = A();
  $("tabs").replaceChildren(...state.map((x, i) => el("button", { className: i === qi ? "on" : "", textContent: x.id, onclick: () => { qi = i; ai = 0; render(); } })));
  const graded = q.answers.filter((x) => x.mark).length;
  $("where").textContent = "answer " + (ai + 1) + " / " + q.answers.length + ", " + graded + " graded";
  document.body.dataset.student = a.student;
  renderAnswer(q, a);
  renderRubric(q);
}
document.addEventListener("keydown", (e) => {
  if (e.target.closest && e.target.closest("input, textarea")) return;
  if (e.ctrlKey || e.metaKey || e.altKey) return;
  if (e.key === "j") { ai = Math.min(ai + 1, Q().answers.length - 1); render(); }
  else if (e.key === "k") { ai = Math.max(ai - 1, 0); render(); }
  else if (e.key === "r") load();
  else if (/^[1-9]$/.test(e.key)) toggle(Number(e.key));
});
setInterval(() => { if (!document.activeElement?.closest?.("input, textarea")) load(); }, 5000);
load().then(() => status("ready: j / k next / previous, 1-9 apply a rubric item, r reload"));
`;

export const DESK_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>optkit grading desk</title>
<style>${STYLE}</style></head>
<body>
<header><span id="tabs"></span> <span id="where"></span></header>
<main><section id="answer"></section><aside id="side"></aside></main>
<div id="status">loading</div>
<script>${SCRIPT}</script>
</body></html>
`;
