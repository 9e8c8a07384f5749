// Which configuration key names each system's host, for connection errors (http/net-errors).
// A target's host is either its baseUrl or made from an account setting; the key that made it
// is the one to check. TargetSpec has no field for that yet, hence the small table here.
import type { Config } from '../config/types.js';
import { setHostHint } from '../http/net-errors.js';

/** Target type → the setting its default host is made from (erps.md §4.1 for NetSuite). */
const HOST_KEYS: Record<string, string> = { netsuite: 'accountId' };

export function registerHostHints(config: Config): void {
  const b = config.bamboohr;
  const bambooDefault = `https://${b.companyDomain}.bamboohr.com`;
  setHostHint('bamboohr', b.baseUrl === bambooDefault ? `bamboohr.companyDomain ("${b.companyDomain}" means ${bambooDefault})` : `bamboohr.baseUrl (${b.baseUrl})`);
  for (const t of Object.values(config.targets)) {
    const key = HOST_KEYS[t.type];
    const value = key ? (t as unknown as Record<string, unknown>)[key] : undefined;
    const made = typeof value === 'string' && new URL(t.baseUrl).hostname.includes(value.toLowerCase().replace(/_/g, '-'));
    setHostHint(t.name, made ? `targets.${t.name}.${key} ("${value}" means ${t.baseUrl})` : `targets.${t.name}.baseUrl (${t.baseUrl})`);
  }
  setHostHint('notify', 'the notify.url secret (mlc auth set notify url, or MLC_NOTIFY_URL)');
}
