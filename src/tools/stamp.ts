/**
 * Records each stub's hash in catalogue.json (npm run stamp), so an untouched stub grades
 * `not-started`. Run it after changing a stub; `npm test` checks that the hashes are current.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { paths } from '../core/paths';
import { stubHash } from '../core/catalogue';

const text = fs.readFileSync(paths.catalogue, 'utf8');
const catalogue = JSON.parse(text) as { exercises: { id: string; file: string; stubSha256: string }[] };
let changed = 0;
for (const exercise of catalogue.exercises) {
  const stub = path.join(paths.exercises, exercise.id, exercise.file);
  if (!fs.existsSync(stub)) continue;
  const hash = stubHash(fs.readFileSync(stub, 'utf8'));
  if (hash !== exercise.stubSha256) {
    exercise.stubSha256 = hash;
    changed++;
    console.log(`stamped ${exercise.id}`);
  }
}
if (changed) fs.writeFileSync(paths.catalogue, `${JSON.stringify(catalogue, null, 2)}\n`);
else console.log('every stub hash is current');
