import { smokeTest } from "./smoke";

smokeTest("04-momentum-adam.ipynb");
