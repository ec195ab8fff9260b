import { smokeTest } from "./smoke";

smokeTest("03-newton.ipynb");
