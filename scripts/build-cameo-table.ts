/**
 * One-off builder of data/cameo/codes.json, the project's CAMEO table.
 *   node --import tsx scripts/build-cameo-table.ts [SHARED_DIR]
 * Facts (which codes exist, Goldstein scores, PLOVER categories) are read from
 * the reference files under ../shared/data (never copied); every label below is
 * written for this project. Quad class follows the usual grouping of roots:
 * 01-05 verbal cooperation, 06-09 material cooperation, 10-14 verbal conflict,
 * 15-20 material conflict.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const LABELS = `
01|public statement
010|statement, other
011|refuses to comment
012|gloomy remark
013|hopeful remark
014|weighs a policy option
015|owns up to or claims an act
016|denies having done it
017|symbolic gesture
018|expresses sympathy
019|voices agreement
02|appeal
020|appeal, other
021|asks for material cooperation
0211|asks for economic cooperation
0212|asks for military cooperation
0213|asks for judicial cooperation
0214|asks for intelligence sharing
022|asks for diplomatic backing
023|asks for aid
0231|asks for economic aid
0232|asks for military aid
0233|asks for humanitarian aid
0234|asks for protection or peacekeepers
024|asks for political reform
0241|asks for new leadership
0242|asks for a change of policy
0243|asks for rights
0244|asks for new institutions or regime
025|asks the other side to give way
0251|asks to lift administrative measures
0252|asks to calm popular dissent
0253|asks to free people or property
0254|asks to lift economic sanctions
0255|asks to let outsiders take part
0256|asks to scale down fighting
026|urges others to meet or talk
027|urges others to settle a dispute
028|urges others to accept mediation
03|intent to cooperate
030|says it will cooperate
031|says it will cooperate materially
0311|says it will cooperate economically
0312|says it will cooperate militarily
0313|says it will cooperate on justice
0314|says it will share intelligence
032|says it will back diplomatically
033|pledges material aid
0331|pledges economic aid
0332|pledges military aid
0333|pledges humanitarian aid
0334|pledges protection or peacekeepers
034|promises political reform
0341|promises a change of leadership
0342|promises a change of policy
0343|promises rights
0344|promises new institutions or regime
035|says it will give way
0351|says it will lift administrative measures
0352|says it will calm popular dissent
0353|says it will free people or property
0354|says it will lift economic sanctions
0355|says it will let outsiders take part
0356|says it will scale down fighting
036|offers to meet or talk
037|offers to settle a dispute
038|says it will accept mediation
039|offers to mediate
04|consultation
040|consults or meets
041|talks by telephone
042|visits
043|hosts a visit
044|meets on neutral ground
045|mediates
046|negotiates
05|diplomatic cooperation
050|cooperates diplomatically
051|praises or endorses
052|defends in words
053|rallies support for
054|recognises or opens relations
055|apologises
056|forgives
057|signs an agreement
06|material cooperation
060|cooperates materially
061|cooperates economically
062|cooperates militarily
063|cooperates on justice
064|shares intelligence or information
07|aid
070|gives aid
071|gives economic aid
072|gives military aid
073|gives humanitarian aid
074|gives protection or peacekeepers
075|grants asylum or refuge
08|yielding
080|gives way
081|lifts administrative measures
0811|relaxes limits on political freedoms
0812|lifts a ban on parties or politicians
0813|lifts a curfew
0814|ends emergency or martial law
082|tolerates political dissent
083|accepts demands for reform
0831|accepts demands for new leadership
0832|accepts demands for a new policy
0833|accepts demands for rights
0834|accepts demands for new institutions
084|returns or releases
0841|releases people
0842|returns property
085|lifts economic sanctions
086|lets outsiders take part
0861|admits peacekeepers
0862|admits inspectors
0863|lets humanitarian aid through
087|scales down fighting
0871|declares a truce
0872|eases a military blockade
0873|demobilises forces
0874|retreats or surrenders
09|investigation
090|investigates
091|investigates crime or corruption
092|investigates rights abuses
093|investigates military action
094|investigates war crimes
10|demand
100|demands
101|demands information or an inquiry
1011|demands economic cooperation
1012|demands military cooperation
1013|demands judicial cooperation
1014|demands intelligence
102|demands diplomatic backing
103|demands aid or protection
1031|demands economic aid
1032|demands military aid
1033|demands humanitarian aid
1034|demands protection or peacekeepers
104|demands political reform
1041|demands new leadership
1042|demands a change of policy
1043|demands rights
1044|demands new institutions or regime
105|demands mediation
1051|demands lifting of administrative measures
1052|demands calming of dissent
1053|demands release of people or property
1054|demands lifting of economic sanctions
1055|demands that outsiders be let in
1056|demands scaling down of fighting
106|demands a withdrawal
107|demands a ceasefire
108|demands a meeting or talks
11|disapproval
110|disapproves
111|criticises or condemns
112|accuses
1121|accuses of crime or corruption
1122|accuses of rights abuses
1123|accuses of aggression
1124|accuses of war crimes
1125|accuses of spying or treason
113|rallies opposition against
114|lodges an official complaint
115|sues or files a case
116|finds guilty or liable
12|rejection
120|rejects
121|turns down material cooperation
1211|turns down economic cooperation
1212|turns down military cooperation
122|turns down a request for aid
1221|turns down a request for economic aid
1222|turns down a request for military aid
1223|turns down a request for humanitarian aid
1224|turns down a request for protection
123|turns down demands for reform
1231|turns down demands for new leadership
1232|turns down demands for a new policy
1233|turns down demands for rights
1234|turns down demands for new institutions
124|refuses to give way
1241|refuses to lift administrative measures
1242|refuses to calm dissent
1243|refuses to free people or property
1244|refuses to lift economic sanctions
1245|refuses to let outsiders take part
1246|refuses to scale down fighting
125|refuses to meet or talk
126|refuses mediation
127|rejects a settlement plan
128|defies norms or law
129|vetoes
13|threat
130|threatens
131|threatens non-military measures
1311|threatens to cut aid
1312|threatens sanctions or embargo
1313|threatens to cut relations
132|threatens administrative measures
1321|threatens limits on political freedoms
1322|threatens to ban parties or politicians
1323|threatens a curfew
1324|threatens emergency or martial law
133|threatens protest or dissent
134|threatens to break off talks
135|threatens to end mediation
136|threatens to end outside involvement
137|threatens violent repression
138|threatens military force
1381|threatens a blockade
1382|threatens occupation
1383|threatens irregular violence
1384|threatens a conventional attack
1385|threatens weapons of mass destruction
139|issues an ultimatum
14|protest
140|dissents politically
141|demonstrates or rallies
1411|demonstrates for new leadership
1412|demonstrates for a new policy
1413|demonstrates for rights
1414|demonstrates for new institutions
142|hunger strike
1421|hunger strike for new leadership
1422|hunger strike for a new policy
1423|hunger strike for rights
1424|hunger strike for new institutions
143|strike or boycott
1431|strike or boycott for new leadership
1432|strike or boycott for a new policy
1433|strike or boycott for rights
1434|strike or boycott for new institutions
144|blocks passage
1441|blockade for new leadership
1442|blockade for a new policy
1443|blockade for rights
1444|blockade for new institutions
145|riots or protests violently
1451|violent protest for new leadership
1452|violent protest for a new policy
1453|violent protest for rights
1454|violent protest for new institutions
15|show of force
150|shows military or police strength
151|raises police alert
152|raises military alert
153|mobilises police
154|mobilises armed forces
16|reduced relations
160|scales down relations
161|cuts or breaks diplomatic ties
162|cuts or stops aid
1621|cuts economic aid
1622|cuts military aid
1623|cuts humanitarian aid
163|imposes embargo, boycott or sanctions
164|breaks off talks
165|ends mediation
166|expels or withdraws
1661|expels or withdraws peacekeepers
1662|expels or withdraws inspectors
1663|expels or withdraws aid agencies
17|coercion
170|coerces
171|seizes or damages property
1711|confiscates property
1712|destroys property
172|imposes administrative measures
1721|limits political freedoms
1722|bans parties or politicians
1723|imposes a curfew
1724|declares emergency or martial law
173|arrests, detains or charges
174|expels or deports people
175|represses violently
18|assault
180|irregular violence
181|abducts, hijacks or takes hostages
182|physical assault
1821|sexual assault
1822|torture
1823|kills by assault
183|bombing outside war
1831|suicide bombing
1832|car bombing
1833|roadside bombing
184|uses human shields
185|attempts assassination
186|assassinates
19|fighting
190|uses military force
191|blockades or restricts movement
192|occupies territory
193|fights with small arms
194|fights with artillery or tanks
195|attacks from the air
196|breaks a ceasefire
20|mass violence
200|uses mass violence
201|expels a population
202|kills en masse
203|cleanses ethnically
204|uses weapons of mass destruction
2041|uses chemical, biological or radiological weapons
2042|detonates a nuclear weapon
`;

function quadOf(root: number): 1 | 2 | 3 | 4 {
  if (root <= 5) return 1;
  if (root <= 9) return 2;
  if (root <= 14) return 3;
  return 4;
}

const shared = resolve(process.argv[2] ?? join(import.meta.dirname, '..', '..', 'shared'));
const data = join(shared, 'data');
const lines = (p: string) => readFileSync(p, 'latin1').split(/\r?\n/);

const labels = new Map(LABELS.trim().split('\n').map((l) => l.split('|') as [string, string]));
const codes = lines(join(data, 'cameo', 'CAMEO.eventcodes.txt')).slice(1)
  .map((l) => l.split('\t')[0]?.trim()).filter((c): c is string => !!c && /^\d{2,4}$/.test(c));
const goldstein = new Map<string, number>();
for (const l of lines(join(data, 'cameo', 'CAMEO.goldsteinscale.txt')).slice(1)) {
  const [c, g] = l.split('\t');
  if (c && g && /^\d{2,4}$/.test(c.trim())) goldstein.set(c.trim(), Number(g));
}
const plover = new Map<string, { category: string; mode: string | null; context: string | null }>();
for (const l of lines(join(data, 'plover', 'CAMEO2PLOVER-2021.txt'))) {
  const m = /^(\d{2,4}):\s*([^#]*)/.exec(l);
  if (!m) continue;
  const [cat, mode, ctx] = m[2]!.split(',').map((s) => s.trim());
  if (!cat) continue;
  if (!plover.has(m[1]!)) plover.set(m[1]!, { category: cat, mode: mode || null, context: ctx || null });
}

const out = codes.map((code) => {
  const label = labels.get(code);
  if (!label) throw new Error(`no label written for CAMEO code ${code}`);
  const g = goldstein.get(code) ?? goldstein.get(code.slice(0, 3)) ?? goldstein.get(code.slice(0, 2));
  if (g === undefined) throw new Error(`no Goldstein score for ${code}`);
  const p = plover.get(code) ?? plover.get(code.slice(0, 3)) ?? null;
  return { code, root: code.slice(0, 2), label, goldstein: g, quadClass: quadOf(Number(code.slice(0, 2))),
    plover: p ? p.category : null, ploverMode: p?.mode ?? null, ploverContext: p?.context ?? null };
});
const unused = [...labels.keys()].filter((c) => !codes.includes(c));
if (unused.length) console.warn(`labels for codes not in the reference list: ${unused.join(', ')}`);
const target = join(import.meta.dirname, '..', 'data', 'cameo', 'codes.json');
writeFileSync(target, '[\n' + out.map((o) => '  ' + JSON.stringify(o)).join(',\n') + '\n]\n');
console.log(`wrote ${out.length} codes to ${target}`);
