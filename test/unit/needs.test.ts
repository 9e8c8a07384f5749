import { describe, expect, it, vi } from 'vitest';
import { needOrSkip } from '../helpers/needs.js';

describe('tests that need system packages', () => {
  const install = 'apt-get install gnome-keyring';

  it('run when nothing is missing', () => {
    const skip = vi.fn();
    needOrSkip({ skip }, 'keychain test', [], install, false);
    needOrSkip({ skip }, 'keychain test', [], install, true);
    expect(skip).not.toHaveBeenCalled();
  });

  it('are skipped with the reason and the install line outside CI', () => {
    const skip = vi.fn();
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      needOrSkip({ skip }, 'keychain test', ['gnome-keyring-daemon'], install, false);
      expect(skip).toHaveBeenCalledWith('needs gnome-keyring-daemon; on Debian/Ubuntu: apt-get install gnome-keyring');
      expect(err).toHaveBeenCalledWith('keychain test skipped: needs gnome-keyring-daemon; on Debian/Ubuntu: apt-get install gnome-keyring\n');
    } finally {
      err.mockRestore();
    }
  });

  it('fail under CI, which installs them', () => {
    const skip = vi.fn();
    expect(() => needOrSkip({ skip }, 'keychain test', ['gnome-keyring-daemon', 'dbus-run-session'], install, true)).toThrow(
      'CI is set and the keychain test needs gnome-keyring-daemon, dbus-run-session; on Debian/Ubuntu: apt-get install gnome-keyring',
    );
    expect(skip).not.toHaveBeenCalled();
  });
});
