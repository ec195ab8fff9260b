import { smokeTest } from "./smoke";

smokeTest("02-gradient-descent.ipynb");
