/**
 * The composer's gentle check: it marks the phrasings the guide warns against ("Strategy to
 * avoid #1" and "#2") in a message the person is writing to him. It runs on this computer
 * only, by plain rules, so it needs no network and no model, and it stays free of zod, the
 * DOM and Node so the renderer can load it with the composer.
 *
 * Each rule below is one regular expression over the message, named and explained. What a
 * rule finds is then weighed in one place, `isHeldBack`: a phrase that is negated ("I'm not
 * giving you an ultimatum"), asked ("Are we breaking up?"), quoted or reported ("my friend
 * said 'tell him it's over'") is the person thinking aloud, not the tactic, and is not marked.
 * The file is longer than most because the rules are its substance; each stays one line of
 * thought, and BENCHMARKS.md measures them on a labelled corpus of messages.
 */
import type { SectionId } from '../guide/ids';

export type FlagKind =
  'ultimatum' | 'fake-break-up' | 'jealousy' | 'family-and-friends' | 'ignoring' | 'drama';

export interface MessageFlag {
  kind: FlagKind;
  /** Offsets into the text as written: the words to mark. */
  start: number;
  end: number;
}

type AvoidSection = Extract<SectionId, 'avoid-1' | 'avoid-2'>;

/** Why each kind may backfire, said kindly, and the guide section that explains it. */
export const FLAG_ADVICE: Record<FlagKind, { why: string; sectionId: AvoidSection }> = {
  ultimatum: {
    why: 'A deadline with a threat tends to put him on the defensive, and if he does not answer it, there is nowhere left to go.',
    sectionId: 'avoid-1',
  },
  'fake-break-up': {
    why: 'Saying it is over when you hope it is not can leave him hurt and wary, and he may simply take you at your word.',
    sectionId: 'avoid-2',
  },
  jealousy: {
    why: 'Trying to make him jealous may get a quick reaction, but it tends to cost the trust you are hoping to rebuild.',
    sectionId: 'avoid-2',
  },
  'family-and-friends': {
    why: 'Bringing his family or friends into it can leave him feeling cornered; this is gentler kept between the two of you.',
    sectionId: 'avoid-2',
  },
  ignoring: {
    why: 'Going quiet until he gives in turns talking into a contest, when what you want is for him to feel safe coming back.',
    sectionId: 'avoid-2',
  },
  drama: {
    why: 'Shouting and hard words make it difficult for him to hear how you feel; a calmer message leaves him more room to answer.',
    sectionId: 'avoid-2',
  },
};

interface Rule {
  /** Names the rule in tests and when tuning. */
  name: string;
  kind: FlagKind;
  /** Global; case-insensitive unless case is the point (shouting in capitals). */
  pattern: RegExp;
  /** Shouting and piled-up exclamation marks read as drama even in a question. */
  evenInQuestion?: boolean;
  /**
   * A raised voice that is only loud: in a warm sentence ("I LOVE YOU SO MUCH", "I'm so
   * sorry!!!") it is feeling, not drama.
   */
  quietWhenWarm?: boolean;
}

/**
 * Builds a case-insensitive rule pattern from pieces written as raw strings. Runs of spaces
 * are bounded (`\s+` becomes at most four), because a lookbehind over an unbounded run is
 * tried at every position: a pasted block of blank lines would make the check quadratic.
 */
const rx = (source: string, flags = 'gi') =>
  new RegExp(
    source
      .replaceAll(String.raw`\s+`, String.raw`\s{1,4}`)
      .replaceAll(String.raw`[,\s]+`, String.raw`[,\s]{1,4}`)
      .replaceAll(String.raw`\s*`, String.raw`\s{0,4}`),
    flags,
  );

// Pieces shared by several rules. Apostrophes are optional: messages are typed in a hurry.
const I_WILL = String.raw`(?:i'?ll|i will|i'?m (?:going to|gonna)|im (?:going to|gonna)|i shall)`;
const FIRST_PERSON = String.raw`\b(?:i|i'?ll|ill|i'?m|im|i'?ve|ive|i'?d|i will|i have|i am)\s+`;
/** Who the person might pull in: his family, friends, people he works with. */
const HIS_PEOPLE = String.raw`your\s+(?:(?:best|old|closest|little|big|older|younger)\s+)?(?:mum|mom|mother|mam|mommy|mummy|ma|dad|father|daddy|parents|folks|sister|sis|brother|bro|siblings|family|fam|friends?|mates?|bestie|buddies|buddy|boys|boss|cousins?|aunt|auntie|uncle|gran|granny|grandma|grandmother|grandad|grandpa|nan|nana|roommates?|flatmates?|housemates?|co-?workers|colleagues|ex)\b(?!'?s (?:number|phone|address))`;
/** "I'll tell…", "I'm calling…": the person about to go to his people, before the verb. */
const ABOUT_TO_TELL = String.raw`(?:${I_WILL}|ill|i might|maybe i'?ll|i could|i may|i'?m about to|don'?t make me|i swear i'?ll)\s+(?:just\s+|have to\s+|go and\s+)?`;
/** Going to his people: the verb after "I'll", and the one after "I'm". */
const TELL = String.raw`(?:call|ring|phone|tell|text|message|email|contact|visit|go to|go round to|go over to|talk to|speak to|write to|dm|show up at|turn up at|involve|get)`;
const TELLING = String.raw`(?:calling|ringing|phoning|telling|texting|messaging|emailing)`;
/** The consequence an ultimatum threatens: the relationship ends, or the person goes. */
const THREAT = String.raw`(?:(?:we'?re|we are|(?<!\bwe\s)were|it'?s|it is|its|this is|i'?m|i am|im|we'?ll be|it'?ll be|it will be|things are|this relationship is)\s+(?:so\s+|totally\s+|completely\s+|officially\s+|really\s+)?(?:done|over|finished|through)|(?:i'?m|im|i am)\s+(?:leaving|gone|out|walking away|moving on|blocking you|breaking up with you|ending (?:this|it|things))|(?:i'?ll|i will|ill)\s+(?:leave|walk away|move on|block you|end (?:this|it|things|us)|break up with you|be gone|find someone)|(?:that'?s|thats|that is) it\b|don'?t (?:bother|expect (?:me|anything)|ever (?:call|text|contact|come)|(?:\w+\s+){1,3}?(?:at all|ever again))|(?:forget|lose) (?:me|us|about (?:me|us))\b|you(?:'?ll| will) (?:never (?:see|hear from) me|lose me)|(?:say|kiss) goodbye|consider (?:us|it|this) (?:done|over|finished)|(?:this|that) is the end|we break up)`;
/** A threatened act rather than an ending: telling his people, a scene, someone else. */
const THREAT_ACT = String.raw`(?:(?:${ABOUT_TO_TELL}${TELL}|(?:i'?m|im)\s+(?:just\s+)?${TELLING})\s+(?:\w+\s+)?${HIS_PEOPLE}|(?:${I_WILL}|ill)\s+(?:just\s+)?(?:(?:show|turn)\s+up\b|make a scene|post\b|leave you|block you|(?:date|see|go out with)\s+(?:someone|other)|find someone|tell everyone|never (?:speak|talk) to you|stop talking to you))`;
/** "If you don't…", "unless you…", "keep ignoring me and…": the condition of an ultimatum. */
const CONDITION = String.raw`(?:\bif you (?:don'?t|dont|do not|won'?t|wont|will not|can'?t|cant|cannot|refuse|keep|still|carry on|continue|ignore|aren'?t|arent|are not|haven'?t|havent|have not|didn'?t|didnt|fail)(?! mind)|\bif (?:not|i don'?t (?:hear|get)|i dont (?:hear|get)|i do not (?:hear|get)|i haven'?t heard|i get no|there'?s no)\b|\bunless (?:you|i (?:hear|get))\b|\b(?:keep|carry on|continue) (?:\w+ing|like this|doing this)\b|\bone more (?:day|night|week|time|hour|excuse)\b)`;
/** What someone else might be sent to do in the person's place: speak to him for them. */
const ON_MY_BEHALF = String.raw`(?:talk (?:to|with) you|speak (?:to|with) you|have a word|reach out to you|call you|ring you|text you|message you|check on you|talk some sense|knock some sense|get through to you|reason with you|convince you|make you|persuade you|tell you to|pass (?:on )?(?:a|my|the) message|get you to|get involved)`;
/** Names and hard words aimed at him; "I feel stupid" is not aimed at him, so `you` leads. */
const INSULT = String.raw`(?:idiot|stupid|pathetic|loser|coward|cowardly|jerk|a\*?s+hole|arsehole|bastard|selfish|liar|moron|prick|dick|dickhead|useless|worthless|joke|spineless|childish|child|baby|pig|piece of (?:shit|crap|work|garbage)|narcissist|psycho|creep|scumbag|twat|bitch|heartless|cruel|immature|man-?child|waste of (?:space|time)|clown|fool|snake|fake|disgusting|gutless|weak|manipulative|toxic)`;

const RULES: readonly Rule[] = [
  // Ultimatums (guide, "Strategy to avoid #1"): a condition or deadline joined to a threat.
  {
    // "If you don't call me by Friday we're done": the article's own example has this shape.
    name: 'condition-then-threat',
    kind: 'ultimatum',
    pattern: rx(String.raw`${CONDITION}[^.!?]{0,100}?(?:${THREAT}|${THREAT_ACT})`),
  },
  {
    // "We're done unless you call me tonight": the same ultimatum with the threat first.
    name: 'threat-then-condition',
    kind: 'ultimatum',
    pattern: rx(
      String.raw`${THREAT}[^?]{0,40}?\b(?:unless you|if you (?:don'?t|dont|do not|won'?t|wont|can'?t|cant|keep|still|refuse))\b`,
    ),
  },
  {
    // "Answer me tonight or it's over", "either you talk to me or I'm leaving".
    name: 'or-threat',
    kind: 'ultimatum',
    pattern: rx(
      String.raw`\b(?:or|otherwise|after that|if not)(?: else)?[,\s]+(?:${THREAT}|${THREAT_ACT})|\bor else\b(?=\s*(?:[.!,]|$))`,
    ),
  },
  {
    // "This is your last chance": a final warning needs no threat spelt out.
    name: 'last-chance',
    kind: 'ultimatum',
    pattern: rx(
      String.raw`\b(?:(?:one |your |my |the )?(?:last|final|very last) (?:chance|warning)|last time i'?m (?:asking|trying|reaching out|texting)|no more (?:second )?chances|now or never|ultimatum)\b`,
    ),
  },
  {
    // "I'll give you until Sunday to decide": a deadline set on him.
    name: 'deadline-set-on-him',
    kind: 'ultimatum',
    pattern: rx(
      String.raw`\b(?:i'?m giving you|i'?ll give you|i will give you|you have|you'?ve got|you got)\s+(?:until|till|til|\d+|one|two|three|a|an)\b(?:\s+\w+){0,3}?\s+to\s+(?:call|answer|decide|reply|respond|text|talk|make up your mind|get back|choose|sort|come back|fix)\b`,
    ),
  },

  // A fake break-up used as a lever (guide, "Strategy to avoid #2").
  {
    // "I'm breaking up with you", "I'm done with you".
    name: 'declares-break-up',
    kind: 'fake-break-up',
    pattern: rx(
      String.raw`(?<=\b(?:i'?m|im|i am|we'?re|we are)\s+)(?:breaking up with you|done with (?:you|us|this relationship)|ending (?:this|it|things|us)\b(?! all)|leaving you|dumping you|finished with you|calling it quits|splitting up)`,
    ),
  },
  {
    // "Maybe we should just break up then".
    name: 'proposes-break-up',
    kind: 'fake-break-up',
    pattern: rx(
      String.raw`\b(?:let'?s|lets|we should|we might as well|might as well|maybe we should|i think we should|we need to|(?:better|best) if we)\s+(?:just\s+|all\s+)?(?:break up|split up|end (?:this|it|things)\b(?! all)|call it quits|go our separate ways|stop seeing each other|take a break(?=\s*(?:[.!,]|$|from (?:each other|us|this))))`,
    ),
  },
  {
    // "Guess I'll just end things then".
    name: 'will-end-it',
    kind: 'fake-break-up',
    pattern: rx(
      String.raw`(?<=\b(?:i'?ll|i will|ill|i'?m going to|im going to|i'?m gonna|im gonna)\s+(?:just\s+)?)(?:break up with you|end (?:this|it|things|us)\b(?! all)|leave you|dump you|call it quits|walk away from (?:this|us|you))`,
    ),
  },
  {
    // "It's over." sent to make him react; a question ("is it over?") is held back.
    name: 'declares-it-over',
    kind: 'fake-break-up',
    pattern: rx(
      String.raw`\bhave a (?:nice|good|great) life\b|\b(?:it'?s|its|it is|we'?re|we are|this is|(?<!\bwe\s)were|we)\s+(?:so\s+|totally\s+|officially\s+|completely\s+|definitely\s+)?(?:over|done|finished|through)\b(?!\s+(?:with (?:work|dinner|the|my|that)|talking about|soon|yet|the (?:worst|hump|top)))`,
    ),
  },

  // Making him jealous.
  {
    // "I'm going on a date with someone else", "I have a date tonight".
    name: 'a-date',
    kind: 'jealousy',
    pattern: rx(
      String.raw`\b(?:go|going|goin|went|been|gone|have|had|got)\s+(?:out\s+)?(?:on\s+)?(?:a\s+)?dates?\s+(?:with\s+(?!you\b|(?:my|your) (?:sister|mum|mom|mother|dad|family|friends?|girls|bestie|kids|son|daughter|nan|gran))[\w']+(?:\s+(?:else|new))?|tonight|tomorrow|this\s+\w+|on\s+\w+|later)`,
    ),
  },
  {
    // "I've been seeing someone else", "I slept with another guy".
    name: 'seeing-others',
    kind: 'jealousy',
    pattern: rx(
      String.raw`\b(?:see|seeing|saw|date|dating|dated|go out with|going out with|went out with|been out with|sleep with|slept with|hook(?:ed|ing)? up with|kiss|kissed|flirt(?:ed|ing)? with|met up with|out with|(?:drinks?|dinner|coffee|lunch) with|talking to|moving on with|chatting to)\s+(?:(?:someone|somebody) (?:else|new)|other (?:guys|men|people)|another (?:guy|man|person)|a (?:new )?(?:guy|man)|this (?:guy|man)|some (?:guy|other guy))\b|\b(?:i'?ve|ive|i have|i)\s+(?:just\s+)?met (?:someone|somebody)(?: new| else)?\b(?!\s+(?:from your|you know))`,
    ),
  },
  {
    // "Other guys have been asking me out".
    name: 'others-want-me',
    kind: 'jealousy',
    pattern: rx(
      String.raw`(?<!\b(?:mum|mom|mother|dad|father|sister|brother|gran|grandma|aunt|she)\s+(?:\w+\s+){0,2})\b(?:asking me out|asked me out|ask me out|asking me on (?:a )?dates?|asked me on a date|hitting on me|hit on me|flirting with me|flirted with me|chatting me up|chatted me up|asking for my number|asked for my number|sliding into my dms|slid into my dms|interested in me|checking me out|(?:always been |still )?(?:sweet on|keen on) me|(?:has|had) (?:a thing|a crush|feelings) for me|fancies me)\b`,
    ),
  },
  {
    // "A guy from work asked me to dinner": an invitation from another man.
    name: 'invited-by-another-man',
    kind: 'jealousy',
    pattern: rx(
      String.raw`\b(?:guy|man|someone|somebody|coworker|co-worker|colleague|my ex|neighbou?r|\w+ from (?:work|the gym|the office|my class|uni|college|the bar))\s+(?:has\s+|had\s+|have\s+|keeps\s+|just\s+)?(?:asked|invited|wants to take) me (?:out|to dinner|for (?:a )?drinks?|for dinner|for coffee|on a date)\b`,
    ),
  },
  {
    // "I'm trying to make you jealous", "plenty of other guys would".
    name: 'jealousy-said-aloud',
    kind: 'jealousy',
    pattern: rx(
      String.raw`\bmake you jealous\b|(?<=\b(?:i'?ll|i will|i can|i could|i'?m going to|im going to)\s+(?:just\s+)?(?:go\s+)?)find (?:someone|somebody) (?:else|who|better|new)\b|\b(?:plenty of|lots of|loads of|other|so many) (?:guys|men|fish)\b[^.!?]{0,30}?\b(?:would|want|wants|are|have been|who|in the sea|interested|lining up)\b|\b(?:someone|somebody) else (?:would|will|who|wants|actually|appreciates|treats)\b|\bi (?:could|can) (?:have|get|find) (?:anyone|any guy|someone better)\b|\bmy ex\b[^.!?]{0,25}?\b(?:wants|wanted|has been|keeps|messaged|texted|asked|reached out|is back)\b`,
    ),
  },

  // Involving his family or friends.
  {
    // "I'll tell your mother", "I'm going to call your sister".
    name: 'threatens-to-tell-his-people',
    kind: 'family-and-friends',
    pattern: rx(
      String.raw`(?:(?<=\b${ABOUT_TO_TELL})${TELL}|(?<=\b(?:i'?m|im)\s+(?:just\s+)?)${TELLING})\s+(?:\w+\s+)?${HIS_PEOPLE}`,
    ),
  },
  {
    // "I told your mum everything", "I called your brother to get you to talk".
    name: 'went-to-his-people',
    kind: 'family-and-friends',
    pattern: rx(
      String.raw`(?<=\b(?:i|i'?ve|ive|i have|i'?ve been|i already|i just)\s+(?:already\s+|just\s+|been\s+)?)(?:told|called|rang|phoned|texted|messaged|emailed|contacted|went to|been to|spoke to|talked to|talking to|calling|texting|messaging)\s+(?:\w+\s+)?${HIS_PEOPLE}[^.!?]{0,40}?(?:about (?:us|this|you|what|everything|how)|everything|what you|what'?s going on|how you|that you|why you|and (?:told|asked)|to (?:talk|tell|get|make|speak|reach|have a word|convince|find out)|${ON_MY_BEHALF})`,
    ),
  },
  {
    // "I asked your friends to talk to you": someone sent to speak in the person's place.
    name: 'sends-someone-to-him',
    kind: 'family-and-friends',
    pattern: rx(
      String.raw`(?<=${FIRST_PERSON}(?:\w+\s+){0,3}?)(?:ask|asked|asking|get|got|getting|send|sent|beg|begged|have|had|convince|convinced)\s+(?:\w+\s+){1,3}?to\s+${ON_MY_BEHALF}`,
    ),
  },
  {
    // "Your mum will hear about this", "your friends deserve to know".
    name: 'his-people-will-know',
    kind: 'family-and-friends',
    pattern: rx(
      String.raw`\b${HIS_PEOPLE}\s+(?:will|is going to|are going to|'?s going to|'?re going to|gonna|should|deserves? to|need to|needs to)\s+(?:hear|know|find out|learn)\b|\b(?:involve|involving|bring|bringing|drag|dragging|get|getting)\s+${HIS_PEOPLE}\s+(?:involved|into (?:this|it))`,
    ),
  },

  // Ignoring him until he gives in.
  {
    // "I won't speak to you until you apologise"; waiting until he is ready is the guide's
    // own advice (step 4), so "until you're ready" is left alone.
    name: 'silent-until-he-gives-in',
    kind: 'ignoring',
    pattern: rx(
      String.raw`\b(?:(?:i won'?t|i will not|i wont|i'?m not going to|im not going to|i'?m not gonna|im not gonna|i refuse to|i'?m not|im not|i will never|i'?ll never|i'?m done|im done)\s+(?:be\s+)?(?:speak|talk|repl|respond|answer|text|messag|call|pick|read|open|say|contact|acknowledg|see)\w*|you won'?t (?:hear|get) (?:a (?:word|thing|peep)|anything|a reply|an answer|from me)|(?:not|stop|stopping) (?:repl|respond|answer|text|messag|talk|speak)\w*|you(?:'?ll| will) get (?:nothing|no (?:reply|answer|word)) from me|don'?t expect (?:a (?:reply|word|text|call|answer)|to hear|anything) from me|(?:no more|not another) (?:texts?|calls?|messages?|word|repl(?:y|ies)|answers?)(?: from me)?)\b[^.!?]{0,50}?\b(?:until|till|til|unless) you\b(?!'?re ready|r ready| are ready| feel ready| want| need| decide you want|'?d like)(?:\s+[\w']+)?`,
    ),
  },
  {
    // "I'm going to ignore you until you come to me".
    name: 'ignores-him',
    kind: 'ignoring',
    pattern: rx(
      String.raw`(?<=${FIRST_PERSON}(?:just\s+|going to\s+|gonna\s+|now\s+|been\s+){0,2})(?:ignore|ignoring|ghost|ghosting|mute|muting|block(?:ed|ing)? (?:you|your)|freeze you out|freezing you out|cut you off|cutting you off|shut you out|shutting you out|leave you on read|leaving you on read)\b(?:\s+(?:you|your \w+))?`,
    ),
  },
  {
    // "Let's see how you like it": the silence meant as a lesson.
    name: 'silence-as-a-lesson',
    kind: 'ignoring',
    pattern: rx(
      String.raw`\bsilent treatment\b|\btaste of your own medicine\b|\btwo can play (?:at )?that game\b|\bsee how you like (?:it|being ignored)\b|\bhow does it feel (?:to be|being) ignored\b`,
    ),
  },

  // Drama: shouting, insults, tirades, threats of a scene.
  {
    // Two or more words in capitals: shouting, even in a question.
    name: 'shouting-in-capitals',
    kind: 'drama',
    pattern: rx(String.raw`\b[A-Z]{2,}(?:'[A-Z]+)?(?:[,\s]+(?:[A-Z]{2,}(?:'[A-Z]+)?|I)\b)+`, 'g'),
    evenInQuestion: true,
    quietWhenWarm: true,
  },
  {
    // "!!!", "?!": punctuation raised like a voice.
    name: 'piled-up-exclamations',
    kind: 'drama',
    pattern: rx(String.raw`(?:!\s*){3,}|[!?]*(?:\?!|!\?)[!?]*`),
    evenInQuestion: true,
    quietWhenWarm: true,
  },
  {
    // "You're such a coward", "screw you".
    name: 'insult',
    kind: 'drama',
    pattern: rx(
      String.raw`\byou(?:'?re| are| r|re)?\s+(?:(?:such|so|a|an|being|acting like|the|most|total|complete|absolute|fucking|bloody|really|just|nothing but|pathetic|selfish)\s+){0,3}${INSULT}\b|\b(?:screw|fuck|damn) you\b|\bgo to hell\b|\b(?:stop|quit) being (?:such |so )?(?:a |an )?${INSULT}\b|\bi hate you\b|\bgrow up\b|\bshut up\b|\byou make me sick\b|\bsick of you\b|\bwhat (?:a|an) ${INSULT}\b`,
    ),
    evenInQuestion: true,
  },
  {
    // "You never listen", "you ALWAYS do this": a tirade; "you always make me laugh" is not.
    name: 'you-always-you-never',
    kind: 'drama',
    pattern: rx(
      String.raw`\byou(?:'?re| are|'?ve| have)?\s+(?:always|never|constantly)\s+(?!(?:make me (?:laugh|smile|happy|feel)|been (?:so )?(?:kind|good|there|supportive|patient|wonderful|amazing|my)|there for me|fail to|knew how|know how|welcome|so kind|so good|kind|supportive|patient|had my back|have my back|meant|loved|cared|(?:going to|gonna) (?:believe|guess)|on my mind|in my (?:heart|thoughts)|(?:have|need|had) to|know(?=\s*[,.!?]|$)))\w+|\byou (?:do|did|pull) this every (?:single )?time\b|\bevery single time\b`,
    ),
    evenInQuestion: true,
  },
  {
    // "I'll show up at your work and make a scene", "everyone will know", "you'll regret this".
    name: 'threatens-a-scene',
    kind: 'drama',
    pattern: rx(
      String.raw`\b(?:make|making|cause|causing) a scene\b|\b(?:show|turn|come|rock)\s+up\s+(?:at|to|outside)\s+your\s+(?:work|office|job|house|place|flat|apartment|door|parents|mum'?s|mom'?s|gym)\b|(?<=\b(?:${I_WILL}|ill)\s+(?:just\s+)?)(?:scream|shout|lose it|go crazy|go mental|kick off|embarrass you|humiliate you|tell everyone|post (?:everything|it|this|about)|put (?:it|this|everything) (?:online|on)|camp (?:outside|out)|bang on your door)\b|\b(?:be|wait|sit|camp|stand)\s+outside your (?:house|place|work|flat|apartment|door|office|job)\b(?=[^.!?]*\b(?:until|till|all night|not leaving)\b)|\beveryone (?:will|is going to|'?s going to|gonna) (?:know|see|find out|hear)\b|\byou(?:'?ll| will| are going to| gonna) (?:regret (?:this|it|that)|be sorry)\b|\b(?:post|posting|share|sharing|screenshot)\w*\s+(?:\w+\s+){0,3}(?:online|on (?:instagram|insta|facebook|fb|twitter|tiktok|social media|my story))\b`,
    ),
  },
];

const SENTENCE_END = /[.!?\n]/;
/** Words that open a question when a sentence ends in "?". */
const QUESTION_OPENER =
  /^(?:would|could|can|do|does|did|is|are|was|were|will|shall|should|have|has|had|how|what|whats|when|where|why|who|which|am|may|might|any|isn'?t|aren'?t|don'?t|doesn'?t|won'?t|wouldn'?t|didn'?t|can'?t|shouldn'?t)\b/i;
/** Greetings and fillers a question may start with: "Hey, would Friday work?" */
const LEADING_FILLER =
  /^(?:(?:hey|hi|so|and|but|ok|okay|um|also|just|honestly|sorry|please|then|babe|love)\b[\s,]*)+/i;
/** Where a negation stops reaching back: punctuation, a joining word, the person's "I". */
const CLAUSE_BREAK =
  /^(?:but|and|or|so|because|cos|cause|since|then|if|unless|until|till|when|while|though|although|yet|i|i'?ll|ill|i'?m|im|i'?ve|ive|i'?d|we|we'?re|we'?ll)$/i;
/** "not", "never", "won't", and the same typed without an apostrophe. */
const NEGATION =
  /^(?:not|never|no|nor|without|instead|rather|\w+n't|dont|wont|cant|cannot|wouldnt|didnt|doesnt|isnt|arent|shouldnt|couldnt|havent|hasnt|aint)$/i;
/** How many words before a phrase a negation may stand and still govern it. */
const NEGATION_REACH = 6;
/** Marks that end the clause a negation can govern. */
const CLAUSE_PUNCTUATION = [',', ';', ':', '.', '!', '?', '\n', '(', '"', '\u2014', '\u2013'];
/** "My sister said…", "everyone keeps telling me…": what follows is someone else's idea. */
const REPORTING_FRAME =
  /\b(\w+(?:'\w+)?)\s+(?:said|says|told me|tells me|keeps? (?:telling me|saying)|suggested|suggests|advised(?: me)?|thinks? i should|reckons? i should|wants? me to|wanted me to|was like|is like)\b/gi;
/** Quoted speech: double quotes, or single ones that are not apostrophes. */
const QUOTED = /"[^"\n]{1,300}"|(?<![\w'])'(?=\w)[^\n]{1,300}?(?<=[\w.!?,])'(?!\w)/g;

/** Curly quotes and apostrophes made straight, one character for one, so offsets hold. */
function normalise(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

/** Spans someone else said: quoted speech, and the rest of a sentence after "X said". */
function reportedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const quote of text.matchAll(QUOTED))
    spans.push([quote.index, quote.index + quote[0].length]);
  for (const frame of text.matchAll(REPORTING_FRAME)) {
    if (/^i(?:'?d|'?ve)?$/i.test(frame[1] ?? '')) continue;
    const from = frame.index + frame[0].length;
    const rest = text.slice(from);
    const stop = rest.search(/[.!?\n]|\bbut\b/i);
    spans.push([from, stop === -1 ? text.length : from + stop]);
  }
  return spans;
}

/** Whether the sentence around `at` is a question: it ends in "?" and opens like one. */
function isInQuestion(text: string, at: number): boolean {
  let from = at;
  while (from > 0 && !SENTENCE_END.test(text.charAt(from - 1))) from--;
  let to = at;
  while (to < text.length && !SENTENCE_END.test(text.charAt(to))) to++;
  if (text.charAt(to) !== '?') return false;
  const opening = text
    .slice(from, at + 1)
    .trimStart()
    .replace(LEADING_FILLER, '');
  return QUESTION_OPENER.test(opening);
}

/**
 * Whether a negation governs the phrase at `at`: one within a few words before it, in the
 * same clause. A "don't" that opens a sentence is an instruction to him ("Don't make me…"),
 * not the person declining to do something, so it does not count.
 */
function isNegated(text: string, at: number): boolean {
  const before = text.slice(0, at);
  const clauseStart = Math.max(...CLAUSE_PUNCTUATION.map((mark) => before.lastIndexOf(mark)));
  const clause = before.slice(clauseStart + 1);
  const words = clause.match(/[\w']+/g) ?? [];
  const opensSentence = SENTENCE_END.test(before.charAt(clauseStart)) || clauseStart === -1;
  for (let i = words.length - 1; i >= Math.max(0, words.length - NEGATION_REACH); i--) {
    const word = words[i] ?? '';
    if (CLAUSE_BREAK.test(word)) return false;
    if (!NEGATION.test(word)) continue;
    const instruction =
      opensSentence && /^(?:don'?t|dont|do not)$/i.test(words.slice(0, i + 1).join(' '));
    return !instruction;
  }
  return /\b(?:the last thing i(?:'?d)? want|no way i'?d)\b[^,.;!?]*$/i.test(before);
}

/** The one place a found phrase is weighed: negated, asked, quoted or reported ones are held back. */
/** Words of love, thanks, sorrow or good wishes: what makes a loud sentence a warm one. */
const WARM =
  /\b(?:love|loved|sorry|apologi[sz]e|miss(?:ed)? you|thank(?:s| you)?|happy|congrat\w*|proud|birthday|glad|hugs?)\b/i;

/** The sentence of `text` around `at`, with its closing mark. */
function sentenceAt(text: string, at: number): string {
  let from = at;
  while (from > 0 && !SENTENCE_END.test(text.charAt(from - 1))) from--;
  let to = at;
  while (to < text.length && !SENTENCE_END.test(text.charAt(to))) to++;
  return text.slice(from, to + 1);
}

function isHeldBack(
  text: string,
  reported: [number, number][],
  rule: Rule,
  start: number,
): boolean {
  if (reported.some(([from, to]) => start >= from && start < to)) return true;
  if (!rule.evenInQuestion && isInQuestion(text, start)) return true;
  // Piled-up marks end a sentence, so the warm words are the ones just before them.
  if (rule.quietWhenWarm && WARM.test(sentenceAt(text, Math.max(0, start - 1)))) return true;
  return isNegated(text, start);
}

/**
 * How much of a message is checked: a message to him is a few sentences, and the rules'
 * work grows faster than the text, so a long paste is checked in its opening part only and
 * never holds up the page (BENCHMARKS.md).
 */
export const CHECKED_LENGTH = 2_000;

/**
 * The phrasings in `text` that the guide warns against, each with the words to mark. Flags
 * of one kind that overlap or touch are joined. A break-up that ends an ultimatum ("…or it's
 * over") is that ultimatum's threat, so it is marked once, as the ultimatum.
 */
export function checkMessage(text: string): MessageFlag[] {
  const plain = normalise(text.slice(0, CHECKED_LENGTH));
  const reported = reportedSpans(plain);
  const found: MessageFlag[] = [];
  for (const rule of RULES) {
    for (const match of plain.matchAll(rule.pattern)) {
      const start = match.index;
      const end = start + match[0].trimEnd().length;
      if (end > start && !isHeldBack(plain, reported, rule, start))
        found.push({ kind: rule.kind, start, end });
    }
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const joined: MessageFlag[] = [];
  for (const flag of found) {
    const same = joined.find(
      (f) =>
        f.kind === flag.kind && f.start < flag.end && plain.slice(f.end, flag.start).trim() === '',
    );
    if (same) same.end = Math.max(same.end, flag.end);
    else joined.push({ ...flag });
  }
  return joined.filter(
    (flag) =>
      flag.kind !== 'fake-break-up' ||
      !joined.some((u) => u.kind === 'ultimatum' && u.start <= flag.start && flag.end === u.end),
  );
}
