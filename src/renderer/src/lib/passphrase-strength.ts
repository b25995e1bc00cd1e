/**
 * How hard a passphrase would be to guess, by zxcvbn. Its dictionaries are large, so they
 * load only when a passphrase is being chosen, never on the way to the reader.
 */
export interface Strength {
  /** 0 (very weak) to 4 (strong). */
  score: 0 | 1 | 2 | 3 | 4;
  /** One short piece of advice, or empty. */
  advice: string;
}

let estimator: Promise<(passphrase: string) => Strength> | null = null;

function loadEstimator(): Promise<(passphrase: string) => Strength> {
  estimator ??= Promise.all([
    import('@zxcvbn-ts/core'),
    import('@zxcvbn-ts/language-common'),
    import('@zxcvbn-ts/language-en'),
  ]).then(([core, common, english]) => {
    const factory = new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    });
    return (passphrase: string) => {
      const result = factory.check(passphrase);
      return {
        score: result.score,
        advice: result.feedback.warning ?? result.feedback.suggestions[0] ?? '',
      };
    };
  });
  return estimator;
}

export async function estimateStrength(passphrase: string): Promise<Strength> {
  return (await loadEstimator())(passphrase);
}

export const STRENGTH_WORDS = ['Very weak', 'Weak', 'Fair', 'Good', 'Strong'] as const;
