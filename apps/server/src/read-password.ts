import { createInterface } from 'node:readline';

/** Reads a line from the terminal without echo. */
function readLine(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    // Print the prompt, then swallow the echo of what is typed.
    process.stdout.write(prompt);
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
    rl.once('line', (line) => {
      process.stdout.write('\n');
      rl.close();
      resolve(line);
    });
    rl.once('close', () => resolve(''));
    rl.once('error', reject);
  });
}

/** The new password: asked twice on a terminal (they must match), else the first line of stdin. */
export async function readPassword(): Promise<string> {
  const tty = process.stdin.isTTY === true;
  if (!tty) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.split(/\r?\n/)[0] ?? '';
  }
  const first = await readLine('Password: ');
  const second = await readLine('Again: ');
  if (first !== second) {
    console.error('The two passwords differ.');
    process.exit(2);
  }
  return first;
}
