/**
 * Devices, operating systems and browsers as the backend derives them from the user agent.
 * Versions are a function of time (release cadences), shifted by a per-user lag, so a user's
 * browser upgrades over the covered period the way real auto-updating browsers do.
 */

const DAY = 86_400_000;

export type DeviceType = 'desktop' | 'mobile' | 'tablet';
export type BrowserFamily = 'Chrome' | 'Edge' | 'Firefox' | 'Safari' | 'Mobile Safari' | 'Chrome Mobile' | 'Samsung Internet';

export interface Platform {
  key: 'win' | 'mac' | 'linux' | 'ios' | 'android' | 'ipad' | 'android-tab';
  deviceType: DeviceType;
  browsers: ReadonlyArray<readonly [BrowserFamily, number]>;
}

export const PLATFORMS: ReadonlyArray<readonly [Platform, number]> = [
  [{ key: 'win', deviceType: 'desktop', browsers: [['Chrome', 70], ['Edge', 20], ['Firefox', 10]] }, 38],
  [{ key: 'mac', deviceType: 'desktop', browsers: [['Chrome', 60], ['Safari', 25], ['Firefox', 10], ['Edge', 5]] }, 28],
  [{ key: 'linux', deviceType: 'desktop', browsers: [['Chrome', 60], ['Firefox', 40]] }, 4],
  [{ key: 'ios', deviceType: 'mobile', browsers: [['Mobile Safari', 85], ['Chrome Mobile', 15]] }, 17],
  [{ key: 'android', deviceType: 'mobile', browsers: [['Chrome Mobile', 80], ['Samsung Internet', 20]] }, 9],
  [{ key: 'ipad', deviceType: 'tablet', browsers: [['Mobile Safari', 100]] }, 3],
  [{ key: 'android-tab', deviceType: 'tablet', browsers: [['Chrome', 100]] }, 1],
];

export interface Agent {
  device: { type: string; brand: string; model?: string };
  os: { name: string; version?: string };
  browser: { name: string; version: string };
  useragent: string;
  /** The viewport, for `display.viewport`. */
  viewport: { width: number; height: number };
}

const CHROME_REF = Date.UTC(2024, 0, 16); // Chrome 121 shipped then; a major every 4 weeks.
const FIREFOX_REF = Date.UTC(2024, 0, 23); // Firefox 122.
const SAFARI_REF = Date.UTC(2023, 8, 18); // Safari/iOS 17.0; a major every September.

function chromeVersion(t: number): [number, string] {
  const since = t - CHROME_REF;
  const major = 121 + Math.floor(since / (28 * DAY));
  const build = 6167 + (major - 121) * 94;
  const patch = 50 + 15 * Math.floor((since % (28 * DAY)) / (7 * DAY));
  return [major, `${major}.0.${build}.${patch}`];
}

function safariVersion(t: number): [number, string] {
  const since = Math.max(0, t - SAFARI_REF);
  const major = 17 + Math.floor(since / (365 * DAY));
  const minor = Math.min(6, Math.floor((since % (365 * DAY)) / (55 * DAY)));
  return [major, `${major}.${minor}`];
}

function browserAt(family: BrowserFamily, t: number): [number, string] {
  switch (family) {
    case 'Chrome':
    case 'Chrome Mobile':
    case 'Edge':
      return chromeVersion(t);
    case 'Firefox': {
      const major = 122 + Math.floor((t - FIREFOX_REF) / (28 * DAY));
      return [major, `${major}.0`];
    }
    case 'Safari':
    case 'Mobile Safari':
      return safariVersion(t);
    case 'Samsung Internet': {
      const major = 24 + Math.floor((t - CHROME_REF) / (100 * DAY));
      return [major, `${major}.0`];
    }
  }
}

const ANDROID_MODELS = [
  { brand: 'Google', model: 'Pixel 8' },
  { brand: 'Samsung', model: 'SM-S918B' },
  { brand: 'Xiaomi', model: '23049PCD8G' },
] as const;

/**
 * The agent of one session. `lagDays` delays updates (users who rarely restart their
 * browser); `variant` is a stable per-user number choosing the phone model and OS base.
 */
export function agentAt(platform: Platform, family: BrowserFamily, t: number, lagDays: number, variant: number): Agent {
  const te = t - lagDays * DAY;
  const [major, version] = browserAt(family, te);
  const browser = { name: family, version };
  const iosVersion = safariVersion(te)[1];
  const chromeUa = (os: string, mobile = ''): string =>
    `Mozilla/5.0 (${os}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${version}${mobile} Safari/537.36`;
  switch (platform.key) {
    case 'win':
    case 'mac':
    case 'linux': {
      const os =
        platform.key === 'win' ? { name: 'Windows', version: '10' }
        : platform.key === 'mac' ? { name: 'Mac OS X', version: '10.15.7' }
        : { name: 'Linux' };
      const uaOs =
        platform.key === 'win' ? 'Windows NT 10.0; Win64; x64'
        : platform.key === 'mac' ? 'Macintosh; Intel Mac OS X 10_15_7'
        : 'X11; Linux x86_64';
      const ua =
        family === 'Firefox' ? `Mozilla/5.0 (${uaOs}; rv:${major}.0) Gecko/20100101 Firefox/${major}.0`
        : family === 'Safari' ? `Mozilla/5.0 (${uaOs}) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/${version} Safari/605.1.15`
        : family === 'Edge' ? `${chromeUa(uaOs)} Edg/${version}`
        : chromeUa(uaOs);
      const device = platform.key === 'mac'
        ? { type: 'desktop', model: 'Mac', brand: 'Apple' }
        : { type: 'desktop', brand: 'Other' };
      const wide = variant % 3 === 0;
      return { device, os, browser, useragent: ua, viewport: { width: wide ? 1920 : 1440, height: wide ? 947 : 789 } };
    }
    case 'ios':
    case 'ipad': {
      const name = platform.key === 'ios' ? 'iPhone' : 'iPad';
      const os = { name: 'iOS', version: iosVersion };
      const ua = `Mozilla/5.0 (${name}; CPU ${name === 'iPhone' ? 'iPhone ' : ''}OS ${iosVersion.replace('.', '_')} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ${
        family === 'Chrome Mobile' ? `CriOS/${version}` : `Version/${version}`} Mobile/15E148 Safari/604.1`;
      const device = { type: platform.deviceType, model: name, brand: 'Apple' };
      return { device, os, browser, useragent: ua, viewport: name === 'iPhone' ? { width: 393, height: 659 } : { width: 820, height: 1106 } };
    }
    case 'android':
    case 'android-tab': {
      const phone = ANDROID_MODELS[variant % ANDROID_MODELS.length]!;
      // A third of Android users get the next OS release during the period.
      const upgraded = variant % 3 === 0 && te > Date.UTC(2025, 1, 1) + (variant % 60) * DAY;
      const osMajor = 13 + (variant % 2) + (upgraded ? 1 : 0);
      const os = { name: 'Android', version: String(osMajor) };
      const mobile = platform.key === 'android' ? ' Mobile' : '';
      const ua = family === 'Samsung Internet'
        ? `Mozilla/5.0 (Linux; Android ${osMajor}; ${phone.model}) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/${version} Chrome/124.0.0.0 Mobile Safari/537.36`
        : chromeUa(`Linux; Android ${osMajor}; K`, mobile);
      const device = { type: platform.deviceType, model: phone.model, brand: phone.brand };
      return { device, os, browser, useragent: ua, viewport: mobile ? { width: 412, height: 839 } : { width: 800, height: 1280 } };
    }
  }
}
