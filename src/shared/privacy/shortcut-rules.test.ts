import { describe, expect, it } from 'vitest';
import { PrivacySettingsPatchSchema } from './schemas';
import { shortcutProblem } from './shortcut-rules';

describe('the quick-hide shortcut rules', () => {
  it.each([
    ['CommandOrControl+Alt+Shift+H', null],
    ['CommandOrControl+Alt+7', null],
    ['Alt+Shift+F9', null],
    ['Super+Alt+Q', null],
    ['Alt+F4', 'too-plain'],
    ['CommandOrControl+C', 'too-plain'],
    ['Shift+K', 'too-plain'],
    ['H', 'too-plain'],
    ['CmdOrCtrl+Alt+Delete', 'reserved'],
    ['Control+Shift+Escape', 'reserved'],
    ['Shift+Alt+Tab', 'reserved'],
    ['Ctrl+Shift+z', 'reserved'],
    ['CommandOrControl+Alt+[', 'not-a-key'],
    ['CommandOrControl+Alt+', 'not-a-key'],
    ['Hyper+Alt+H', 'not-a-key'],
    ['CommandOrControl+Alt+Shift', 'not-a-key'],
  ])('judges %s: %s', (accelerator, problem) => {
    expect(shortcutProblem(accelerator)).toBe(problem);
  });

  it('holds at the boundary, whatever the page sends', () => {
    expect(PrivacySettingsPatchSchema.safeParse({ panicShortcut: 'Alt+F4' }).success).toBe(false);
    expect(
      PrivacySettingsPatchSchema.safeParse({ panicShortcut: 'CommandOrControl+Alt+J' }).success,
    ).toBe(true);
  });
});
