import { smokeTest } from "./smoke";

smokeTest("00-welcome.ipynb");
