import { providerTsupConfig } from "../../scripts/package-config/tsup.js";

export default providerTsupConfig;
