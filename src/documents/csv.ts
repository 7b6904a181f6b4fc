/** CSV cells for the CSV views; the rule itself is in the base (src/csv-cell.ts), since ingestion writes rejected rows with it too. */
export { csvCell } from '../csv-cell.js';
