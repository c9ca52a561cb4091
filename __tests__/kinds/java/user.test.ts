import { splitCommands } from '../../../src/dockerfile/shell';
import { createsHome } from '../../../src/kinds/java/user';
import { rootOnlyPaths } from '../../../src/stage/users';

describe('createsHome', () => {
  const home = (line: string, user: string) => createsHome(splitCommands(line), user);

  it('reads useradd -m, alone or among other short options', () => {
    expect(home('groupadd -r svc && useradd -r -g svc -m -u 10001 svc', 'svc')).toBe(true);
    expect(home('useradd -rm -s /bin/bash svc', 'svc')).toBe(true);
    expect(home('useradd --create-home svc', 'svc')).toBe(true);
    expect(home('useradd -r svc', 'svc')).toBe(false);
    // -s takes a value: the `m` after it is no option.
    expect(home('useradd -sm svc', 'svc')).toBe(false);
  });

  it('knows busybox adduser makes a home unless -H, and Debian adduser unless told not to', () => {
    expect(home('adduser -S -G app app', 'app')).toBe(true);
    expect(home('adduser -S -H -G app app', 'app')).toBe(false);
    expect(home('adduser --disabled-password --gecos "" app', 'app')).toBe(true);
    expect(home('adduser --system --no-create-home app', 'app')).toBe(false);
    expect(home('adduser --system app', 'app')).toBe(false);
  });

  it('looks at the command that creates that user', () => {
    expect(home('useradd -m other && useradd svc', 'svc')).toBe(false);
  });
});

describe('rootOnlyPaths', () => {
  it('finds what lies under /root or /etc/ssl/private', () => {
    expect(
      rootOnlyPaths(['/etc/ssl/private/keystore.p12', '/root', '/root/app/x.jar', '/app/x.jar', '/rootfs/a']),
    ).toEqual(['/etc/ssl/private/keystore.p12', '/root', '/root/app/x.jar']);
  });
});
