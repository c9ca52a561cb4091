import { splitCommands } from '../../src/dockerfile/shell';
import { createsHome, userSpecFrom } from '../../src/stage/users';

const spec = (line: string) => userSpecFrom(splitCommands(line));

describe('userSpecFrom', () => {
  it('reads the user, its group with the gid, uid, home, shell and a home made', () => {
    expect(
      spec('groupadd --gid 1001 app && useradd --uid 1001 --gid app --create-home --shell /bin/bash app'),
    ).toEqual({ user: 'app', group: 'app', uid: 1001, gid: 1001, shell: '/bin/bash', createHome: true });
    expect(spec('groupadd -r svc && useradd -r -g svc -d /srv/app svc')).toEqual({
      user: 'svc',
      group: 'svc',
      home: '/srv/app',
      system: true,
    });
  });

  it('reads combined and glued short options as useradd does', () => {
    expect(spec('useradd -rms /bin/sh -u1001 app')).toEqual({
      user: 'app',
      uid: 1001,
      shell: '/bin/sh',
      system: true,
      createHome: true,
    });
  });

  it('takes useradd -G as extra groups, not the primary one', () => {
    expect(spec('groupadd app && useradd -g app -G sudo,audio --groups video app')).toEqual({
      user: 'app',
      group: 'app',
    });
  });

  it("reads busybox's adduser: -g is the comment, not the group; -S a system user, -H no home", () => {
    expect(spec('addgroup -S -g 1001 web && adduser -S -g "Web app" -h /app -H web')).toEqual({
      user: 'web',
      group: 'web',
      gid: 1001,
      home: '/app',
      system: true,
    });
  });

  it('does not take adding a user to a group for creating one', () => {
    expect(spec('useradd -u 1001 app && adduser app sudo && usermod -aG docker app')).toEqual({
      user: 'app',
      uid: 1001,
    });
  });

  it('reads past assignments and a folder before the program', () => {
    expect(spec('DEBIAN_FRONTEND=noninteractive /usr/sbin/useradd --system worker')).toEqual({
      user: 'worker',
      system: true,
    });
  });

  it('is null when only a group is made', () => {
    expect(spec('groupadd -r app')).toBeNull();
  });
});

describe('createsHome', () => {
  it('looks at the last command that creates that user', () => {
    const commands = splitCommands('useradd -m app && useradd -M app && useradd -m other');
    expect(createsHome(commands, 'app')).toBe(false);
    expect(createsHome(commands, 'other')).toBe(true);
    expect(createsHome(commands, 'nobody')).toBe(false);
  });
});
