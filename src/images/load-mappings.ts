// Reads the mapping tables: the built-in data file, then the user's overlay. (Placeholder.)
import { emptyMappings, type Mappings } from './mappings';

export function loadMappings(_userFile: string | null, _builtin: boolean): Mappings {
  return emptyMappings();
}
