import { describe, expect, it } from "vitest";
import * as lib from "../../lib";
import * as calculus from "../../lib/calculus";
import * as data from "../../lib/data";
import * as losses from "../../lib/losses";
import * as nn from "../../lib/nn";
import * as numbers from "../../lib/numbers";
import * as objectives from "../../lib/objectives";
import * as optim from "../../lib/optim";
import * as plot from "../../lib/plot";
import * as random from "../../lib/random";
import * as check from "../../lib/util/check";
import * as claims from "../../lib/util/claim";
import * as clock from "../../lib/util/clock";
import * as exercise from "../../lib/util/exercise";
import * as gradeCheck from "../../lib/util/grade-check";

const folders: Record<string, Record<string, unknown>> = {
  calculus,
  data,
  losses,
  nn,
  numbers,
  objectives,
  optim,
  plot,
  random,
  check,
  claims,
  clock,
  exercise,
  gradeCheck,
};

describe('the top-level barrel, "./lib"', () => {
  it("re-exports each name from its folder, unchanged", () => {
    for (const [name, value] of Object.entries(lib)) {
      const homes = Object.entries(folders).filter(([, m]) => m[name] === value);
      expect(
        homes.map(([f]) => f),
        name,
      ).toHaveLength(1);
    }
  });

  it("leaves the library's internals to their folders", () => {
    const internals: Record<string, string[]> = {
      optim: ["SGD_NAMES", "ADAM_NAMES", "checkAdamHyper", "checkSgdHyper", "MOMENTUM_FORMS"],
      nn: ["activationCode", "checkActivation", "ACTIVATIONS", "WasmKernels"],
      check: ["checkOptions", "optionNames", "describe"],
      data: ["readIdxGz", "mnistDir", "findCourseRoot"],
      plot: ["figureBundle", "figureToJSON", "PLOT_DIGITS"],
      calculus: ["MAX_SIMPLIFY_NODES"],
    };
    for (const [folder, names] of Object.entries(internals)) {
      for (const name of names) {
        expect(folders[folder][name], `${name} in lib/${folder}`).toBeDefined();
        expect(name in lib, `${name} in the barrel`).toBe(false);
      }
    }
  });

  it("keeps the course's API (a sample the notebooks and exercises use)", () => {
    for (const name of ["Rng", "showPlot", "lineChart", "minimize", "Adam", "Mlp", "check"]) {
      expect(name in lib, name).toBe(true);
    }
  });
});
