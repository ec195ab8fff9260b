import { smokeTest } from "./smoke";

// The smoke test trains on a slice of MNIST (the notebook reads OPTKIT_SMOKE); the full training
// runs in real Jupyter (`npm run notebooks -- 05`).
process.env.OPTKIT_SMOKE = "1";
smokeTest("05-sgd-mnist.ipynb");
