import {
  createdBy,
  hasOption,
  makesHome,
  optionValue,
  readUserCommand,
  USER_TOOLS,
} from '../../src/dockerfile/user-commands';
import { shellWords } from '../../src/dockerfile/shell';

const read = (line: string) => readUserCommand(shellWords(line));

describe('readUserCommand', () => {
  it('is null for other commands, and reads past assignments, sudo and a folder', () => {
    expect(read('npm ci')).toBeNull();
    expect(read('DEBIAN_FRONTEND=noninteractive sudo /usr/sbin/useradd -r app')).toMatchObject({
      tool: 'useradd',
      names: ['app'],
    });
    expect([...USER_TOOLS].every((tool) => read(`${tool} x`) !== null)).toBe(true);
  });

  it('reads short options as getopt does: combined, with the value glued or next', () => {
    const command = read('useradd -rms /bin/sh -u1001 -g app --groups=a,b app')!;
    expect(command.options.map((o) => [o.flag, o.name, o.value])).toEqual([
      ['-r', 'system', true],
      ['-m', 'create-home', true],
      ['-s', 'shell', '/bin/sh'],
      ['-u', 'uid', '1001'],
      ['-g', 'gid', 'app'],
      ['--groups', 'groups', 'a,b'],
    ]);
    expect(command.names).toEqual(['app']);
    expect(read('useradd -sm app')!).toMatchObject({ names: ['app'] });
    expect(optionValue(read('useradd -sm app')!, 'shell')).toBe('m');
  });

  it("knows busybox's adduser by its short options, where -g is the comment and -G the group", () => {
    const command = read('adduser -S -G app -g "App user" -h /srv -H app')!;
    expect(command.busybox).toBe(true);
    expect(optionValue(command, 'ingroup')).toBe('app');
    expect(optionValue(command, 'comment')).toBe('App user');
    expect(optionValue(command, 'home')).toBe('/srv');
    expect(hasOption(command, 'system')).toBe(true);
    expect(read('adduser --system --ingroup app app')!.busybox).toBe(false);
  });

  it('says which option is left without its value and which have no busybox counterpart', () => {
    expect(read('useradd app -u')!.missing).toBe('-u');
    expect(read('useradd --home-dir')!.missing).toBe('--home-dir');
    const command = read('useradd -k /etc/skel -x app')!;
    expect(command.missing).toBeNull();
    expect(command.options.map((o) => [o.flag, o.known, o.busybox])).toEqual([
      ['-k', true, false],
      ['-x', false, false],
    ]);
    expect(command.names).toEqual(['app']);
  });

  it('takes the last of repeated options, as the tools do', () => {
    expect(optionValue(read('useradd -d /a --home-dir /b app')!, 'home')).toBe('/b');
  });
});

describe('createdBy', () => {
  it.each([
    ['useradd -r app', 'user'],
    ['adduser --system app', 'user'],
    ['groupadd -r app', 'group'],
    ['addgroup -S app', 'group'],
    ['adduser app sudo', 'member'],
    ['addgroup app sudo', 'member'],
    ['usermod -aG docker jenkins', 'member'],
    ['usermod -s /bin/sh jenkins', null],
    ['addgroup --system app sudo', null],
    ['useradd', null],
  ])('%s: %s', (line, made) => {
    expect(createdBy(read(line)!)).toBe(made);
  });
});

describe('makesHome', () => {
  it.each([
    ['useradd -rm app', true],
    ['useradd -r app', false],
    ['useradd -m -M app', false],
    ['adduser -S app', true],
    ['adduser -S -H app', false],
    ['adduser --disabled-password app', true],
    ['adduser --system app', false],
    ['adduser --system --home /srv app', true],
    ['adduser --no-create-home app', false],
  ])('%s: %s', (line, home) => {
    expect(makesHome(read(line)!)).toBe(home);
  });
});
