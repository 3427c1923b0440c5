import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { appPackageDir, loadManifestForValidation, validateManifest } from '../../tools/appManifest';

describe('the Teams app package', () => {
  let fetchSpy: jest.SpyInstance | undefined;
  beforeEach(() => {
    // The validator must work offline: fail loudly if anything tries to download a schema.
    if (typeof globalThis.fetch === 'function') {
      fetchSpy = jest.spyOn(globalThis, 'fetch').mockRejectedValue(new Error('no network in unit tests'));
    }
  });
  afterEach(() => {
    if (fetchSpy) expect(fetchSpy).not.toHaveBeenCalled();
    fetchSpy?.mockRestore();
  });

  it("the Teams manifest passes Microsoft's schema validation", async () => {
    const manifest = loadManifestForValidation();
    expect(manifest.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json');
    expect(manifest.manifestVersion).toBe('1.30');
    expect(await validateManifest(manifest)).toEqual([]);
  });

  it('has the personal tab "Logbog" and a configurable channel tab, both served by the bot\'s own server under /dashboard', () => {
    const manifest = loadManifestForValidation() as Record<string, unknown> & {
      staticTabs: { name: string; contentUrl: string; scopes: string[] }[];
      configurableTabs: { configurationUrl: string; scopes: string[]; context: string[] }[];
      validDomains: string[];
      webApplicationInfo: { id: string; resource: string };
    };
    const host = manifest.validDomains[0]!;
    expect(manifest.staticTabs).toEqual([expect.objectContaining({ name: 'Logbog', contentUrl: `https://${host}/dashboard/`, scopes: ['personal'] })]);
    expect(manifest.configurableTabs[0]).toMatchObject({ configurationUrl: `https://${host}/dashboard/config.html`, scopes: ['team', 'groupChat'] });
    expect(manifest.configurableTabs[0]!.context).toContain('channelTab');
    // Every page the tabs open is a file the server serves from dashboard/.
    for (const url of [manifest.staticTabs[0]!.contentUrl, manifest.configurableTabs[0]!.configurationUrl]) {
      const file = new URL(url).pathname.replace(/^\/dashboard\//, '') || 'index.html';
      expect(existsSync(path.join(appPackageDir, '..', 'dashboard', file))).toBe(true);
    }
    // Teams SSO: the token is asked for the app the resource names, on the tab's own host.
    expect(manifest.webApplicationInfo.resource).toBe(`api://${host}/${manifest.webApplicationInfo.id}`);
  });

  it('a manifest missing the bot id fails validation', async () => {
    const manifest = loadManifestForValidation();
    const bots = manifest.bots as Array<Record<string, unknown>>;
    const bot = bots[0];
    if (!bot) throw new Error('the manifest has no bot');
    delete bot.botId;

    const errors = await validateManifest(manifest);

    expect(errors).toEqual(expect.arrayContaining([expect.stringMatching(/^\/bots\/0 must have required property 'botId'/)]));
  });

  it('a manifest whose placeholders were not substituted fails validation', async () => {
    const raw = JSON.parse(readFileSync(path.join(appPackageDir, 'manifest.json'), 'utf8')) as unknown;
    const errors = await validateManifest(raw);
    expect(errors).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/id must match pattern/), expect.stringMatching(/^\/bots\/0\/botId must match pattern/)]),
    );
  });

  it('the icons have the sizes Teams requires', () => {
    const manifest = loadManifestForValidation();
    const icons = manifest.icons as { color: string; outline: string };

    const color = readPng(path.join(appPackageDir, icons.color));
    expect({ width: color.width, height: color.height }).toEqual({ width: 192, height: 192 });
    expect(['truecolour', 'truecolour+alpha']).toContain(color.colourType); // a full-colour icon

    const outline = readPng(path.join(appPackageDir, icons.outline));
    expect({ width: outline.width, height: outline.height }).toEqual({ width: 32, height: 32 });
    expect(outline.colourType).toBe('truecolour+alpha'); // transparent background needs an alpha channel
  });

  it('the outline icon is white on transparent', () => {
    const manifest = loadManifestForValidation();
    const icons = manifest.icons as { outline: string };
    const png = readPng(path.join(appPackageDir, icons.outline));
    const pixels = decodeRgba8(png);

    let white = 0;
    let transparent = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      const [r, g, b, a] = [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]];
      if (a === 0) transparent++;
      else if (r === 255 && g === 255 && b === 255) white++;
    }
    expect(white + transparent).toBe(png.width * png.height); // nothing but white and fully transparent pixels
    expect(white).toBeGreaterThan(0);
    expect(transparent).toBeGreaterThan(0);
  });
});

interface Png {
  width: number;
  height: number;
  bitDepth: number;
  colourType: 'greyscale' | 'truecolour' | 'indexed' | 'greyscale+alpha' | 'truecolour+alpha';
  idat: Buffer;
}

const COLOUR_TYPES: Record<number, Png['colourType']> = {
  0: 'greyscale',
  2: 'truecolour',
  3: 'indexed',
  4: 'greyscale+alpha',
  6: 'truecolour+alpha',
};

/** Reads the IHDR header (which the PNG spec requires to be the first chunk) and the image data. */
function readPng(file: string): Png {
  const data = readFileSync(file);
  expect(data.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(data.toString('ascii', 12, 16)).toBe('IHDR');
  const colourType = COLOUR_TYPES[data.readUInt8(25)];
  if (!colourType) throw new Error(`${file}: unknown PNG colour type ${data.readUInt8(25)}`);

  const idat: Buffer[] = [];
  for (let offset = 8; offset < data.length; ) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    if (type === 'IDAT') idat.push(data.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  return { width: data.readUInt32BE(16), height: data.readUInt32BE(20), bitDepth: data.readUInt8(24), colourType, idat: Buffer.concat(idat) };
}

/** Decodes a non-interlaced 8-bit RGBA PNG into RGBA bytes, undoing the five PNG row filters. */
function decodeRgba8(png: Png): Uint8Array {
  expect(png.colourType).toBe('truecolour+alpha');
  expect(png.bitDepth).toBe(8);
  const bpp = 4;
  const stride = png.width * bpp;
  const raw = inflateSync(png.idat);
  const out = new Uint8Array(stride * png.height);
  const at = (i: number): number => out[i] ?? 0;
  for (let y = 0; y < png.height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const i = y * stride + x;
      const left = x >= bpp ? at(i - bpp) : 0;
      const up = y > 0 ? at(i - stride) : 0;
      const upLeft = x >= bpp && y > 0 ? at(i - stride - bpp) : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = left; break;
        case 2: predictor = up; break;
        case 3: predictor = Math.floor((left + up) / 2); break;
        case 4: {
          const p = left + up - upLeft;
          const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
          predictor = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
          break;
        }
        default: throw new Error(`unknown PNG filter type ${filter}`);
      }
      out[i] = (value + predictor) & 0xff;
    }
  }
  return out;
}
