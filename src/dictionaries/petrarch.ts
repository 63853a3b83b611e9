/**
 * PETRARCH / TABARI / Phoenix actor and agent dictionaries.
 *
 * Actor file: records of a primary phrase (optionally with a default code),
 * synonym lines starting with "+", and date restrictions on lines starting
 * with a tab: "\t[ALBGOV 920409-970724]", "\t[ALBGOV >050911]",
 * "\t[ALBELI <19531231]", "\t[ALBELI]". Dates are YYMMDD or YYYYMMDD.
 * Phrases join words with "_" or spaces. "#" and ";" start comments; lines in
 * "<!-- ... -->" (used by the validation suite) are skipped.
 *
 * Agent file: "PHRASE {PLURALS} [~CODE]" or "[CODE~]" lines, and substitution
 * sets "!PERSON! = MAN, MEN, ..." that expand inside phrases.
 *
 * The parsers never throw on a bad line: they skip it and report it with its
 * file and line number, so `validatePetrarch()` can list every problem at once.
 */

export interface PetrarchRole {
  code: string;
  /** EDTF day (YYYY-MM-DD) or null when open. */
  from: string | null;
  to: string | null;
}

export interface PetrarchActor {
  phrase: string;
  synonyms: string[];
  /** Default code on the primary line, e.g. "ALB". */
  code: string | null;
  roles: PetrarchRole[];
  line: number;
}

export interface PetrarchAgent {
  phrases: string[];
  code: string;
  line: number;
}

export interface DictionaryProblem {
  file: string;
  line: number;
  message: string;
  text: string;
}

const CODE = /^[A-Za-z0-9~]{1,30}$/;

function stripComment(line: string): string {
  const i = line.search(/[#;]/);
  return i >= 0 ? line.slice(0, i) : line;
}

function phraseText(p: string): string {
  return p.replace(/_+$/, '').replace(/_/g, ' ').replace(/\s+/g, ' ').trim();
}

/** "920409" → "1992-04-09" (TABARI pivot: 00–29 → 20xx... years below 30 are 2000s), "19531231" → "1953-12-31". */
export function petrarchDate(d: string): string | null {
  let y: number;
  let rest: string;
  if (/^\d{8}$/.test(d)) {
    y = Number(d.slice(0, 4));
    rest = d.slice(4);
  } else if (/^\d{6}$/.test(d)) {
    const yy = Number(d.slice(0, 2));
    y = yy < 30 ? 2000 + yy : 1900 + yy;
    rest = d.slice(2);
  } else return null;
  const m = Number(rest.slice(0, 2));
  const day = Number(rest.slice(2, 4));
  if (m < 1 || m > 12 || day < 1 || day > 31) return null;
  return `${String(y).padStart(4, '0')}-${rest.slice(0, 2)}-${rest.slice(2, 4)}`;
}

/** "[ALBGOV 920409-970724]" → role; null with a message when malformed. */
export function parseRestriction(s: string): { role: PetrarchRole } | { error: string } {
  const m = /^\[\s*([^\s\]]+)\s*([^\]]*)\]\s*$/.exec(s.trim());
  if (!m) return { error: 'a date restriction must look like [CODE], [CODE <date], [CODE >date] or [CODE date-date]' };
  const code = m[1]!;
  if (!CODE.test(code)) return { error: `bad code "${code}"` };
  const r = m[2]!.trim();
  if (!r) return { role: { code, from: null, to: null } };
  let mm: RegExpExecArray | null;
  if ((mm = /^<\s*(\d{6}|\d{8})$/.exec(r))) {
    const to = petrarchDate(mm[1]!);
    return to ? { role: { code, from: null, to } } : { error: `bad date "${mm[1]}"` };
  }
  if ((mm = /^>\s*(\d{6}|\d{8})$/.exec(r))) {
    const from = petrarchDate(mm[1]!);
    return from ? { role: { code, from, to: null } } : { error: `bad date "${mm[1]}"` };
  }
  if ((mm = /^(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8})$/.exec(r))) {
    const from = petrarchDate(mm[1]!);
    const to = petrarchDate(mm[2]!);
    if (!from || !to) return { error: `bad date in "${r}"` };
    return { role: { code, from, to } };
  }
  return { error: `bad date restriction "${r}"` };
}

function lines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}

/** Parse an actor dictionary. */
export function parsePetrarchActors(text: string, file = '<actors>'): { actors: PetrarchActor[]; problems: DictionaryProblem[] } {
  const actors: PetrarchActor[] = [];
  const problems: DictionaryProblem[] = [];
  let cur: PetrarchActor | null = null;
  let inXmlComment = false;
  const ls = lines(text);
  for (let i = 0; i < ls.length; i++) {
    const rawLine = ls[i]!;
    const n = i + 1;
    const bad = (message: string) => problems.push({ file, line: n, message, text: rawLine });
    if (inXmlComment) {
      if (rawLine.includes('-->')) inXmlComment = false;
      continue;
    }
    if (rawLine.trimStart().startsWith('<!--')) {
      if (!rawLine.includes('-->')) inXmlComment = true;
      continue;
    }
    const line = stripComment(rawLine);
    if (!line.trim()) continue;
    if (/^\s+\[/.test(line) || /^\[/.test(line.trim()) && /^\s/.test(line)) {
      if (!cur) {
        bad('date restriction before any actor');
        continue;
      }
      const r = parseRestriction(line.trim());
      if ('error' in r) bad(r.error);
      else cur.roles.push(r.role);
      continue;
    }
    if (line.startsWith('+')) {
      if (!cur) {
        bad('synonym before any actor');
        continue;
      }
      const body = line.slice(1).trim();
      const m = /^([^[\]]+?)\s*(\[[^\]]*\])?\s*$/.exec(body);
      if (!m || !phraseText(m[1]!)) {
        bad('synonym line without a phrase');
        continue;
      }
      cur.synonyms.push(phraseText(m[1]!));
      continue;
    }
    if (/^\s/.test(line)) {
      bad('indented line that is not a date restriction');
      continue;
    }
    // PHRASE [CODE] [CODE date-date] ...: a default code and/or restrictions on the primary line
    const phraseEnd = line.indexOf('[');
    const phrase = phraseText(phraseEnd >= 0 ? line.slice(0, phraseEnd) : line);
    const rest = phraseEnd >= 0 ? line.slice(phraseEnd) : '';
    if (!phrase || /[\]]/.test(phrase)) {
      bad('expected "PHRASE [CODE]"');
      continue;
    }
    const groups = [...rest.matchAll(/\[([^\]]*)\]/g)];
    if (rest.replace(/\[[^\]]*\]/g, '').trim()) {
      bad('unexpected text after the code');
      continue;
    }
    cur = { phrase, synonyms: [], code: null, roles: [], line: n };
    actors.push(cur);
    for (const g of groups) {
      const c = g[1]!.trim();
      if (/[\s<>-]/.test(c)) {
        const r = parseRestriction(`[${c}]`);
        if ('error' in r) bad(r.error);
        else cur.roles.push(r.role);
      } else if (!CODE.test(c)) bad(`bad code "${c}"`);
      else if (cur.code === null) cur.code = c.toUpperCase();
      else cur.roles.push({ code: c.toUpperCase(), from: null, to: null });
    }
  }
  return { actors, problems };
}

/** Parse an agent dictionary. */
export function parsePetrarchAgents(text: string, file = '<agents>'): { agents: PetrarchAgent[]; problems: DictionaryProblem[] } {
  const agents: PetrarchAgent[] = [];
  const problems: DictionaryProblem[] = [];
  const subs = new Map<string, string[]>();
  let inXmlComment = false;
  const ls = lines(text);
  for (let i = 0; i < ls.length; i++) {
    const rawLine = ls[i]!;
    const n = i + 1;
    if (inXmlComment) {
      if (rawLine.includes('-->')) inXmlComment = false;
      continue;
    }
    if (rawLine.trimStart().startsWith('<!--')) {
      if (!rawLine.includes('-->')) inXmlComment = true;
      continue;
    }
    const line = stripComment(rawLine).trim();
    if (!line) continue;
    const sub = /^(![A-Za-z]+!)\s*=\s*(.+)$/.exec(line);
    if (sub) {
      subs.set(sub[1]!, sub[2]!.split(',').map((s) => s.trim()).filter(Boolean));
      continue;
    }
    const m = /^(.+?)\s*(?:\{([^}]*)\})?\s*\[([^\]]+)\]\s*$/.exec(line);
    if (!m) {
      problems.push({ file, line: n, message: 'expected "PHRASE {PLURALS} [~CODE]"', text: rawLine });
      continue;
    }
    const code = m[3]!.trim();
    if (!/^~[A-Za-z0-9]+$|^[A-Za-z0-9]+~$/.test(code)) {
      problems.push({ file, line: n, message: `agent code "${code}" must start or end with ~`, text: rawLine });
      continue;
    }
    const base = m[1]!.trim();
    const plurals = (m[2] ?? '').split(/\s+/).filter(Boolean);
    const expand = (p: string): string[] => {
      const s = /![A-Za-z]+!/.exec(p);
      if (!s) return [p];
      const alts = subs.get(s[0]);
      if (!alts) {
        problems.push({ file, line: n, message: `undefined substitution set ${s[0]}`, text: rawLine });
        return [];
      }
      return alts.flatMap((a) => expand(p.replace(s[0], a)));
    };
    const phrases: string[] = [];
    for (const p of [base, ...plurals]) for (const e of expand(p)) phrases.push(phraseText(e));
    // regular plural when none is given ("{}" means none)
    if (m[2] === undefined && !base.endsWith('_')) {
      for (const e of expand(base)) {
        const t = phraseText(e);
        phrases.push(/Y$/i.test(t) && !/[AEIOU]Y$/i.test(t) ? t.slice(0, -1) + 'IES' : /(S|SH|CH|X)$/i.test(t) ? t + 'ES' : t + 'S');
      }
    }
    if (phrases.length) agents.push({ phrases: [...new Set(phrases)], code: code.toUpperCase(), line: n });
  }
  return { agents, problems };
}

/** Every malformed line of a dictionary, as "file:line: message". */
export function validatePetrarch(text: string, file: string, kind: 'actors' | 'agents'): DictionaryProblem[] {
  return kind === 'agents' ? parsePetrarchAgents(text, file).problems : parsePetrarchActors(text, file).problems;
}

export function formatProblem(p: DictionaryProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}
