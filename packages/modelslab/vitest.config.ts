import { packageVitestConfig } from "../../scripts/package-config/vitest.js";

export default packageVitestConfig;
