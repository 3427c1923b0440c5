import { describeAmount, judge } from '../../../src/domain/status/judge';

describe('judging a figure against a target', () => {
  it('is on track with "mindst 40 nye lommepengejobbere årligt" at 20 halfway through the year', () => {
    expect(judge(20, { min: 40 }, 0.5)).toBe('onTrack');
  });

  it('is behind with 19 halfway through the year', () => {
    expect(judge(19, { min: 40 }, 0.5)).toBe('behind');
  });

  it('is ahead when the whole year\'s minimum is reached before the year ends', () => {
    expect(judge(40, { min: 40 }, 0.6)).toBe('ahead');
  });

  it('judges a range "100-130 børn pr. år": below is behind, inside on track, above ahead', () => {
    expect(judge(99, { min: 100, max: 130 })).toBe('behind');
    expect(judge(115, { min: 100, max: 130 })).toBe('onTrack');
    expect(judge(131, { min: 100, max: 130 })).toBe('ahead');
  });

  it('allows ten per cent either way around "ca. 400 deltagere"', () => {
    expect(judge(360, { approx: 400 })).toBe('onTrack');
    expect(judge(359, { approx: 400 })).toBe('behind');
    expect(judge(441, { approx: 400 })).toBe('ahead');
  });

  it('says there is no data rather than judging nothing as behind', () => {
    expect(judge(undefined, { min: 15 })).toBe('noData');
  });

  it('describes amounts the way the plans write them', () => {
    const words = { atLeast: 'mindst', atMost: 'højst', about: 'ca.' };
    expect(describeAmount({ min: 40 }, words)).toBe('mindst 40');
    expect(describeAmount({ min: 100, max: 130 }, words)).toBe('100–130');
    expect(describeAmount({ approx: 400 }, words)).toBe('ca. 400');
    expect(describeAmount({ max: 5 }, words)).toBe('højst 5');
  });
});
