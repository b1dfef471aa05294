// The redocly plugin of the error catalog convention (specs/README.md). One rule per file, file
// name = rule id; enabled in redocly.yaml as errata/<rule-id>.

import CatalogPresent from "./rules/catalog-present.js";
import CatalogEntryComplete from "./rules/catalog-entry-complete.js";
import CatalogCoversEnums from "./rules/catalog-covers-enums.js";
import ErrorResponseExamples from "./rules/error-response-examples.js";
import CatalogHasExamples from "./rules/catalog-has-examples.js";
import StreamExtensionValid from "./rules/stream-extension-valid.js";
import CatalogMatchesExamples from "./rules/catalog-matches-examples.js";
import CatalogStatusHasResponse from "./rules/catalog-status-has-response.js";
import CatalogDelaySourcesExist from "./rules/catalog-delay-sources-exist.js";

export const rules = {
  "catalog-present": CatalogPresent,
  "catalog-entry-complete": CatalogEntryComplete,
  "catalog-covers-enums": CatalogCoversEnums,
  "error-response-examples": ErrorResponseExamples,
  "catalog-has-examples": CatalogHasExamples,
  "stream-extension-valid": StreamExtensionValid,
  "catalog-matches-examples": CatalogMatchesExamples,
  "catalog-status-has-response": CatalogStatusHasResponse,
  "catalog-delay-sources-exist": CatalogDelaySourcesExist,
};

export default function errataPlugin() {
  return { id: "errata", rules: { oas3: rules } };
}
