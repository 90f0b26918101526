/**
 * `npm run admin-user -- add <name> [--role admin|viewer] [--print]`, `remove <name>`, `list`: named admin users in
 * the users file (CTS_ADMIN_USERS_FILE, default ./data/admin-users, mode 0600). The password is asked twice without
 * echo on a terminal, or read from the first line of stdin (`printf '%s\n' "$PW" | npm run admin-user -- add ops`);
 * it is stored as a PBKDF2-SHA256 hash (600,000 iterations). --print also prints the line for a Worker's
 * CTS_ADMIN_USERS (`wrangler secret put CTS_ADMIN_USERS`). Mistakes print one line and the usage.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { formatAdminUser, hashPassword, parseAdminUsers, USERNAME } from '@cts/admin';
import { adminUsersFile } from './admin-users.ts';
import { loadEnv } from './env.ts';
import { readPassword } from './read-password.ts';

const USAGE = `Usage: npm run admin-user -- add <name> [--role admin|viewer] [--print]
       npm run admin-user -- remove <name>
       npm run admin-user -- list
  add     creates or replaces the user; asks for the password (twice, no echo) or reads it from stdin
  --role  admin changes things, viewer reads (default admin)
  --print also prints the user's line for a Worker's CTS_ADMIN_USERS secret
Users live in CTS_ADMIN_USERS_FILE (default ./data/admin-users); restart the server after a change.`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed: ReturnType<
  typeof parseArgs<{
    options: {
      role: { type: 'string'; default: string };
      print: { type: 'boolean'; default: false };
      help: { type: 'boolean'; short: 'h'; default: false };
    };
    allowPositionals: true;
  }>
>;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string', default: 'admin' },
      print: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
} catch (err) {
  fail((err as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const [command, name] = positionals;
const file = adminUsersFile(loadEnv());
const users = existsSync(file) ? parseAdminUsers(readFileSync(file, 'utf8'), file) : [];
const save = (list: typeof users) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${list.map((u) => formatAdminUser({ ...u, passwordHash: u.passwordHash! })).join('\n')}\n`,
    {
      mode: 0o600,
    },
  );
  chmodSync(file, 0o600);
};

if (command === 'list') {
  for (const u of users) console.log(`${u.username}\t${u.role}`);
  if (users.length === 0) console.log(`No admin users in ${file}.`);
} else if (command === 'add') {
  if (!name || !USERNAME.test(name)) fail("add: give a name of 1-64 letters, digits, '.', '_', '-' or '@'");
  if (values.role !== 'admin' && values.role !== 'viewer') fail('--role: expected admin or viewer');
  const password = await readPassword();
  if (password.length < 12) fail('password: at least 12 characters');
  const user = { username: name, role: values.role, passwordHash: await hashPassword(password) } as const;
  const rest = users.filter((u) => u.username.toLowerCase() !== name.toLowerCase());
  save([...rest, user]);
  console.log(
    `${rest.length < users.length ? 'Replaced' : 'Added'} ${name} (${user.role}) in ${file}. Restart the server.`,
  );
  if (values.print)
    console.log(`CTS_ADMIN_USERS line (wrangler secret put CTS_ADMIN_USERS):\n${formatAdminUser(user)}`);
} else if (command === 'remove') {
  if (!name) fail('remove: give the name');
  const rest = users.filter((u) => u.username.toLowerCase() !== name.toLowerCase());
  if (rest.length === users.length) fail(`remove: no user ${name} in ${file}`);
  save(rest);
  console.log(`Removed ${name} from ${file}. Restart the server.`);
} else fail(command ? `unknown command ${command}` : 'give a command: add, remove or list');
