#!/usr/bin/env bash
# The release round trip on a real install: release the course, `npm ci` and type-check the
# copy, grade the stubs (0 points), grade the solutions copied in (every public point), check that
# no hidden test or solution shipped, then try the Gradescope autograder on the solutions (public
# and hidden tests), on every attack of instructor/test/attacks.ts (each must score no more
# than a submission that only throws, and leak nothing), on those of
# instructor/test/compile-attacks.ts (a syntax error and a flooding import score 0, a type error
# is graded and listed) and on every submission of instructor/test/no-work.ts (each must score
# 0). Needs unzip.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
say() { echo "release:check: $*"; }
points() { node -e 'const r = require(process.argv[1]); console.log(r.score)' "$1"; }
max_public() { node -e 'const m = require(process.argv[1]); console.log(m.tests.reduce((s, t) => s + t.points, 0))' "$1"; }

start=$SECONDS
npx ts-node instructor/release/release.ts --out "$tmp/release"
rel="$tmp/release"
for f in solutions grader/hidden instructor .ci; do
  if [ -e "$rel/$f" ]; then say "FAIL: $f is in the release"; exit 1; fi
done
for f in .github/workflows/classroom.yml gradescope/run_autograder grading-manifest.json package-lock.json; do
  if [ ! -e "$rel/$f" ]; then say "FAIL: $f is missing from the release"; exit 1; fi
done

# the autograder zip is built meanwhile (npm ci mostly waits on the network)
npx ts-node instructor/release/gradescope.ts --out "$tmp/autograder.zip" >"$tmp/gradescope.log" 2>&1 &
gradescope=$!
(cd "$rel" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)
say "npm ci in the release: done at $((SECONDS - start)) s"
(cd "$rel" && npm run --silent typecheck)
(cd "$rel" && npm run --silent grade >/dev/null)
stubs="$(points "$rel/build/grade/results.json")"
max="$(max_public "$rel/grading-manifest.json")"
if [ "$stubs" != 0 ]; then say "FAIL: the stubs scored $stubs, expected 0"; exit 1; fi
cp solutions/*.ts "$rel/exercises/"
(cd "$rel" && npm run --silent grade >/dev/null)
full="$(points "$rel/build/grade/results.json")"
if [ "$full" != "$max" ]; then say "FAIL: the solutions scored $full of $max"; exit 1; fi
say "stubs 0 / $max, solutions $full / $max in the release ($((SECONDS - start)) s)"

if ! wait "$gradescope"; then cat "$tmp/gradescope.log"; say "FAIL: npm run release:gradescope"; exit 1; fi
mkdir -p "$tmp/gs/source" "$tmp/gs/submission/exercises"
(cd "$tmp/gs/source" && unzip -q "$tmp/autograder.zip" && ln -s "$rel/node_modules" node_modules)
for f in setup.sh run_autograder; do
  if [ ! -x "$tmp/gs/source/$f" ]; then say "FAIL: $f is not executable in the zip"; exit 1; fi
done
if [ -e "$tmp/gs/source/grader/reference" ]; then say "FAIL: the autograder holds recorded answers"; exit 1; fi
cp solutions/*.ts "$tmp/gs/submission/exercises/"
AUTOGRADER_ROOT="$tmp/gs" bash "$tmp/gs/source/run_autograder" >/dev/null
gs="$(points "$tmp/gs/results/results.json")"
gsmax="$(max_public "$tmp/gs/source/grading-manifest.json")"
if [ "$gs" != "$gsmax" ]; then say "FAIL: the autograder gave the solutions $gs of $gsmax"; exit 1; fi
layers="$(node -e 'console.log(require(process.argv[1]).extra_data.sandbox.join(", "))' "$tmp/gs/results/results.json")"
say "autograder $gs / $gsmax with hidden tests (sandbox: $layers); $((SECONDS - start)) s"
# before the due date Gradescope must show no total with hidden points: every test with points that
# is not public is held back (after_due_date), and the output line counts only the visible tests
node -e '
  const r = require(process.argv[1]);
  const bad = r.tests.filter((t) => t.visibility === "hidden" && t.max_score > 0).map((t) => t.name);
  const held = r.tests.some((t) => t.visibility === "after_due_date");
  if (bad.length > 0 || !held || r.output.includes(`${r.score} / `)) {
    console.error(`release:check: FAIL: results.json shows hidden points (${bad.slice(0, 3).join("; ")}) or the total: ${r.output}`);
    process.exit(1);
  }
' "$tmp/gs/results/results.json"

# the attacks, through the autograder: one submission at a time, as Gradescope runs them
npx ts-node -e '
  const [dir, course, kit, port] = process.argv.slice(1);
  require("./instructor/test/attacks").writeAttacks(dir, { course, out: dir, kit, secretFile: "/etc/shadow", listenPort: Number(port), marker: "optkit-attack-gs" });
' "$tmp/attacks" "$root" "$tmp/gs/source" 9
sha() { (cd "$tmp/gs/source" && find . \( -path ./node_modules -o -path ./build -o -path ./exercises \) -prune -o -type f -print0 | sort -z | xargs -0 sha256sum | sha256sum); }
kit_before="$(sha)"
grade_attack() {
  rm -rf "$tmp/gs/submission" "$tmp/gs/results"
  mkdir -p "$tmp/gs/submission"
  cp -r "${2:-$tmp/attacks}/$1/exercises" "$tmp/gs/submission/"
  # the stubs of the image, as Gradescope starts each run (earlier runs copied files over them)
  (cd "$tmp/gs/source" && unzip -qo "$tmp/autograder.zip" 'exercises/*')
  AUTOGRADER_ROOT="$tmp/gs" bash "$tmp/gs/source/run_autograder" >/dev/null 2>&1
  points "$tmp/gs/results/results.json"
}
thrower="$(grade_attack thrower)"
if [ "$thrower" != 0 ]; then
  say "FAIL: a submission that only throws scored $thrower through the autograder"; exit 1
fi
for a in "$tmp"/attacks/*/; do
  a="$(basename "$a")"
  case "$a" in honest | stub | thrower) continue ;; esac
  got="$(grade_attack "$a")"
  if [ "$(node -e 'console.log(Number(process.argv[1]) > Number(process.argv[2]))' "$got" "$thrower")" = true ]; then
    say "FAIL: the attack $a scored $got through the autograder (a thrower scores $thrower)"; exit 1
  fi
  # /etc/passwd's first line, the grader's environment, a hidden test's name
  if grep -q "root:x:0:0\|OPTKIT_GRADE\|hidden-sigmoid" "$tmp/gs/results/results.json"; then
    say "FAIL: the attack $a leaked into results.json"; exit 1
  fi
done
# a syntax error and a flooding import score 0, a type error is graded and listed
# (instructor/test/compile-attacks.ts)
npx ts-node -e 'require("./instructor/test/compile-attacks").writeCompileAttacks(...process.argv.slice(1))' \
  "$tmp/attacks" "$root" >/dev/null
for a in flood-import syntax; do
  got="$(grade_attack "$a")"
  if [ "$got" != 0 ]; then say "FAIL: $a scored $got through the autograder, expected 0"; exit 1; fi
done
if ! grep -q "01-derivatives.ts does not compile: line [0-9]*, column [0-9]*: error TS1128" "$tmp/gs/results/results.json"; then
  say "FAIL: the autograder's results do not say where the syntax error is"; exit 1
fi
got="$(grade_attack typed)"
if [ "$got" = 0 ] || ! grep -q "Type error (graded anyway): exercises/01-derivatives.ts:[0-9]*:14 error TS2322" "$tmp/gs/results/results.json"; then
  say "FAIL: a type error scored $got or was not listed through the autograder"; exit 1
fi
say "ok: a syntax error and a flooding import scored 0, a type error $got and listed"
# no work, no points: the untouched stubs and every "no work" attack of instructor/test/no-work.ts
npx ts-node -e 'require("./instructor/test/no-work").writeNoWork(process.argv[1], process.argv[2])' "$root" "$tmp/nowork"
for a in "$tmp"/nowork/*/; do
  a="$(basename "$a")"
  got="$(grade_attack "$a" "$tmp/nowork")"
  if [ "$got" != 0 ]; then say "FAIL: $a (no work) scored $got through the autograder"; exit 1; fi
done
if [ "$(sha)" != "$kit_before" ]; then say "FAIL: an attack changed the autograder's files"; exit 1; fi
say "ok: every attack scored at most $thrower, every no-work submission 0, through the autograder; $((SECONDS - start)) s in all"
