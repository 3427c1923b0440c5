import { findSensitiveData } from '../../../src/domain/privacy/sensitiveText';

describe('finding personal identifiers in free text', () => {
  it.each([
    ['a CPR number with a dash', 'Drengen (010203-1234) kom med sin mor'],
    ['a CPR number without a dash', 'cpr 0102031234'],
    ['a CPR number with a space', 'nr. 311299 1234'],
  ])('refuses %s', (_name, text) => {
    expect(findSensitiveData(text)).toBe('cpr');
  });

  it('does not take ten digits that cannot be a birth date for a CPR number', () => {
    const notCprBecauseDay32 = 'sag 3213991234 i systemet';
    expect(findSensitiveData(notCprBecauseDay32)).toBeUndefined();
  });

  it('finds an e-mail address', () => {
    expect(findSensitiveData('skriv til mor@example.dk')).toBe('email');
  });

  it.each(['ring 12 34 56 78', 'tlf. 12345678', '+45 12 34 56 78'])('finds the phone number in "%s"', (text) => {
    expect(findSensitiveData(text)).toBe('phone');
  });

  it('lets ordinary notes through, dates and counts included', () => {
    expect(findSensitiveData('17 børn, heraf 3 nye. Næste gang 24.06.2025 kl. 16-18 i Voldparken.')).toBeUndefined();
  });
});
