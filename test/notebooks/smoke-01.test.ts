import { smokeTest } from "./smoke";

smokeTest("01-derivatives.ipynb");
