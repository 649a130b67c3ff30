// An OpenAI-protocol tool loop on a Claude thinking model across a gateway restart. The OpenAI protocol carries no
// thinking, so only the gateway holds the signed thinking of the tool-call turn; a strict upstream wants it back.
//   node restart.mjs step1 BASE_URL STATE_FILE   first step through one gateway, the conversation saved
//   node restart.mjs step2 BASE_URL STATE_FILE   second step through another gateway (started after step one)
// The key comes from OPENAI_API_KEY. Prints one "PASS name" or "FAIL name: reason" line per step.
import { readFileSync, writeFileSync } from 'node:fs';
import OpenAI from 'openai';

const [step, baseURL, stateFile] = process.argv.slice(2);
const model = 'claude-opus-4-6-thinking';
const tools = [{
  type: 'function',
  function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
}];
const oai = new OpenAI({ baseURL, maxRetries: 0, timeout: 30_000 });

async function step1() {
  const messages = [{ role: 'user', content: '[[emu:call get_weather {"city":"Paris"}]]' }];
  const first = await oai.chat.completions.stream({ model, messages, tools }).finalChatCompletion();
  const call = first.choices[0].message.tool_calls?.[0];
  if (!call) throw new Error('no tool call');
  messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: 'sunny 21C' });
  writeFileSync(stateFile, JSON.stringify(messages));
}

async function step2() {
  const messages = JSON.parse(readFileSync(stateFile, 'utf8'));
  const second = await oai.chat.completions.create({ model, messages, tools });
  const text = second.choices[0].message.content;
  const expected = `Emulated ${model} reply after tool results: get_weather (sunny 21C)`;
  if (text !== expected) throw new Error(`expected ${JSON.stringify(expected)}, got ${JSON.stringify(text)}`);
}

const name = step === 'step1' ? 'restart: thinking tool call before the restart' : 'restart: tool result after the restart';
try {
  await (step === 'step1' ? step1() : step2());
  console.log(`PASS ${name}`);
} catch (e) {
  console.log(`FAIL ${name}: ${String(e?.message ?? e).split('\n')[0].slice(0, 400)}`);
  process.exit(1);
}
