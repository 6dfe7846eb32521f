/** io.kestra.core.runners.PluginDefaultsCaseTest$DefaultSequential3 (Kestra's core/src/test): DefaultSequential1 under its own type. */
import { defaultSequential } from "./default-sequential-1.js";

export default defaultSequential("DefaultSequential3");
