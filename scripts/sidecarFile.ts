/** Writing a trained model's sidecar, or checking the committed one is what training writes now. */
import fs from 'node:fs';

/**
 * With `check`, exits 1 (naming `command`) when `file` is not `text`; otherwise writes it.
 * Returns whether it wrote.
 */
export function writeOrCheck(file: string, text: string, command: string, check: boolean): boolean {
  if (check) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current !== text) {
      console.error(`${file} is not what training on the current fixtures writes: run ${command}`);
      process.exit(1);
    }
    console.log(`${file} is current`);
    return false;
  }
  fs.writeFileSync(file, text);
  return true;
}
