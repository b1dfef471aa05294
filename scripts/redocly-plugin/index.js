export default function errataPlugin() { return { id: "errata", rules: { oas3: {} } }; }
