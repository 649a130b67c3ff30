// The three official Node SDKs against the gateway: text, streaming and a tool round trip each,
// plus the model list and token counting; the OpenAI Responses API (create, stream, previous_response_id),
// web search from the OpenAI and Anthropic SDKs, and images.generate. Prints one "PASS name" or "FAIL name: reason" line per case.
// The clients get no URL or key here: they read the standard variables that `switchyard connect env` exports
// (OPENAI_BASE_URL/OPENAI_API_KEY, ANTHROPIC_BASE_URL/ANTHROPIC_AUTH_TOKEN, GOOGLE_GEMINI_BASE_URL/GEMINI_API_KEY).
// Usage: . ./switchyard.env && node sdk.mjs
import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';

for (const name of ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_AUTH_TOKEN', 'GOOGLE_GEMINI_BASE_URL', 'GEMINI_API_KEY']) {
  if (!process.env[name]) {
    console.error(`${name} is not set: source the file written by 'switchyard connect env --write' first`);
    process.exit(2);
  }
}

const STREAM_TEXT = 'streamed reply in several chunks from the emulator, one two three';
const weather = {
  name: 'get_weather',
  description: 'Weather for a city',
  schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
const callWeather = '[[emu:call get_weather {"city":"Paris"}]]';
const toolOutput = 'sunny 21C';
const OPUS = 'claude-opus-4-6-thinking';

// What pydantic's model_json_schema() gives: titles everywhere, $defs and $ref, anyOf with null, integer enums, const.
const pydanticSchema = {
  title: 'WeatherArgs', type: 'object',
  $defs: {
    Unit: { title: 'Unit', enum: ['c', 'f'], type: 'string' },
    Where: { title: 'Where', type: 'object', properties: { city: { title: 'City', type: 'string' } }, required: ['city'] },
  },
  properties: {
    where: { $ref: '#/$defs/Where' },
    unit: { $ref: '#/$defs/Unit', default: 'c' },
    days: { title: 'Days', enum: [1, 3, 7], type: 'integer' },
    mode: { const: 'fast', title: 'Mode' },
    level: { anyOf: [{ type: 'integer', enum: [1, 2] }, { type: 'null' }], default: null, title: 'Level' },
  },
  required: ['where', 'days', 'mode'],
};

const oai = new OpenAI({ maxRetries: 0, timeout: 30_000 });
const ant = new Anthropic({ maxRetries: 0, timeout: 30_000 });
const gem = new GoogleGenAI({ httpOptions: { timeout: 30_000 } });
const gemBeta = new GoogleGenAI({ httpOptions: { apiVersion: 'v1beta', timeout: 30_000 } });

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

function expectEqual(actual, expected, what) {
  expect(actual === expected, `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

const cases = {
  // ---- openai ----
  async 'openai models.list'() {
    const ids = [];
    for await (const m of oai.models.list()) ids.push(m.id);
    expect(ids.includes('gemini-3-flash') && ids.includes('claude-sonnet-4-6'), `ids: ${ids.join(',')}`);
  },
  async 'openai chat text'() {
    const r = await oai.chat.completions.create({
      model: 'gemini-3-flash', messages: [{ role: 'user', content: '[[emu:text openai-text-ok]]' }],
    });
    expectEqual(r.choices[0].message.content, 'openai-text-ok', 'content');
    expectEqual(r.choices[0].finish_reason, 'stop', 'finish_reason');
    expect(r.usage?.total_tokens > 0, 'usage.total_tokens');
  },
  async 'openai chat stream'() {
    const s = await oai.chat.completions.create({
      model: 'claude-sonnet-4-6', stream: true, stream_options: { include_usage: true },
      messages: [{ role: 'user', content: `[[emu:text ${STREAM_TEXT}]]` }],
    });
    let text = '', deltas = 0, usage = null, finish = null;
    for await (const c of s) {
      const d = c.choices[0]?.delta?.content;
      if (d) { text += d; deltas++; }
      finish = c.choices[0]?.finish_reason ?? finish;
      usage = c.usage ?? usage;
    }
    expectEqual(text, STREAM_TEXT, 'streamed text');
    expect(deltas >= 2, `expected several deltas, got ${deltas}`);
    expectEqual(finish, 'stop', 'finish_reason');
    expect(usage?.total_tokens > 0, 'final usage chunk');
  },
  async 'openai chat tools (streamed round trip)'() {
    const tools = [{ type: 'function', function: { name: weather.name, description: weather.description, parameters: weather.schema } }];
    const messages = [{ role: 'user', content: callWeather }];
    const first = await oai.chat.completions.stream({ model: 'gemini-3-flash', messages, tools }).finalChatCompletion();
    const call = first.choices[0].message.tool_calls?.[0];
    expect(call, 'no tool call');
    expectEqual(first.choices[0].finish_reason, 'tool_calls', 'finish_reason');
    expectEqual(call.function.name, 'get_weather', 'tool name');
    expectEqual(JSON.parse(call.function.arguments).city, 'Paris', 'tool argument');
    messages.push(first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: toolOutput });
    const second = await oai.chat.completions.create({ model: 'gemini-3-flash', messages, tools });
    expectEqual(second.choices[0].message.content, `Emulated gemini-3-flash reply after tool results: get_weather (${toolOutput})`, 'final text');
  },

  async 'openai chat tools (pydantic-style schema)'() {
    for (const model of ['claude-sonnet-4-6', 'gemini-3-flash', OPUS]) {
      const tools = [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: pydanticSchema } }];
      const r = await oai.chat.completions.create({
        model, tools,
        messages: [{ role: 'user', content: '[[emu:call get_weather {"where":{"city":"Paris"},"days":3,"mode":"fast"}]]' }],
      });
      const call = r.choices[0].message.tool_calls?.[0];
      expect(call, `${model}: no tool call`);
      expectEqual(call.function.name, 'get_weather', `${model}: tool name`);
      expectEqual(JSON.parse(call.function.arguments).days, 3, `${model}: integer argument`);
    }
  },

  // ---- @anthropic-ai/sdk ----
  async 'anthropic models.list'() {
    const ids = [];
    for await (const m of ant.models.list()) ids.push(m.id);
    expect(ids.includes('claude-sonnet-4-6'), `ids: ${ids.join(',')}`);
  },
  async 'anthropic messages text'() {
    const m = await ant.messages.create({
      model: 'claude-sonnet-4-6', max_tokens: 256, messages: [{ role: 'user', content: '[[emu:text anthropic-text-ok]]' }],
    });
    expectEqual(m.content.find(b => b.type === 'text')?.text, 'anthropic-text-ok', 'text');
    expectEqual(m.stop_reason, 'end_turn', 'stop_reason');
    expect(m.usage.output_tokens > 0, 'usage.output_tokens');
  },
  async 'anthropic messages stream'() {
    let text = '', deltas = 0;
    const st = ant.messages.stream({
      model: 'claude-sonnet-4-6', max_tokens: 256, messages: [{ role: 'user', content: `[[emu:text ${STREAM_TEXT}]]` }],
    });
    st.on('text', t => { text += t; deltas++; });
    const m = await st.finalMessage();
    expectEqual(text, STREAM_TEXT, 'streamed text');
    expect(deltas >= 2, `expected several deltas, got ${deltas}`);
    expectEqual(m.stop_reason, 'end_turn', 'stop_reason');
  },
  async 'anthropic messages tools (streamed round trip)'() {
    const tools = [{ name: weather.name, description: weather.description, input_schema: weather.schema }];
    const messages = [{ role: 'user', content: callWeather }];
    const first = await ant.messages.stream({ model: 'claude-sonnet-4-6', max_tokens: 1024, messages, tools }).finalMessage();
    const use = first.content.find(b => b.type === 'tool_use');
    expect(use, 'no tool_use block');
    expectEqual(first.stop_reason, 'tool_use', 'stop_reason');
    expectEqual(use.input.city, 'Paris', 'tool input');
    messages.push({ role: 'assistant', content: first.content },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: use.id, content: toolOutput }] });
    const second = await ant.messages.create({ model: 'claude-sonnet-4-6', max_tokens: 1024, messages, tools });
    expectEqual(second.content.find(b => b.type === 'text')?.text,
      `Emulated claude-sonnet-4-6 reply after tool results: get_weather (${toolOutput})`, 'final text');
  },
  async 'anthropic countTokens'() {
    const r = await ant.messages.countTokens({ model: 'claude-sonnet-4-6', messages: [{ role: 'user', content: 'count these tokens please' }] });
    expect(r.input_tokens > 0, `input_tokens ${r.input_tokens}`);
  },

  // ---- openai Responses API, web search, images ----
  async 'openai responses.create (function round trip, encrypted reasoning, Claude thinking)'() {
    const model = 'claude-opus-4-6-thinking';
    const tools = [{ type: 'function', name: weather.name, description: weather.description, parameters: weather.schema, strict: false }];
    const ask = (input) => oai.responses.create({ model, input, tools, store: false, include: ['reasoning.encrypted_content'], reasoning: { effort: 'low' } });
    const input = [{ role: 'user', content: callWeather }];
    const first = await ask(input);
    const call = first.output.find((i) => i.type === 'function_call');
    expect(call, `no function_call in ${first.output.map((i) => i.type).join(',')}`);
    expectEqual(JSON.parse(call.arguments).city, 'Paris', 'argument');
    expect(first.output.some((i) => i.type === 'reasoning' && i.encrypted_content?.startsWith('sy1.')), 'sealed reasoning item');
    input.push(...first.output, { type: 'function_call_output', call_id: call.call_id, output: toolOutput });
    const second = await ask(input);
    expectEqual(second.output_text, `Emulated ${model} reply after tool results: get_weather (${toolOutput})`, 'output_text');
  },
  async 'openai responses.stream'() {
    const stream = oai.responses.stream({ model: 'gemini-3-flash', input: `[[emu:text ${STREAM_TEXT}]]` });
    let text = '', deltas = 0;
    for await (const e of stream) {
      if (e.type === 'response.output_text.delta') { text += e.delta; deltas++; }
    }
    const final = await stream.finalResponse();
    expectEqual(text, STREAM_TEXT, 'streamed text');
    expect(deltas >= 2, `expected several deltas, got ${deltas}`);
    expectEqual(final.status, 'completed', 'status');
    expectEqual(final.output_text, STREAM_TEXT, 'final output_text');
  },
  async 'openai responses previous_response_id and retrieve'() {
    const first = await oai.responses.create({ model: 'gemini-3-flash', input: '[[emu:text first-turn-ok]]' });
    const second = await oai.responses.create({ model: 'gemini-3-flash', previous_response_id: first.id, input: '[[emu:text second-turn-ok]]' });
    expectEqual(second.output_text, 'second-turn-ok', 'output_text');
    expectEqual(second.previous_response_id, first.id, 'previous_response_id');
    expectEqual((await oai.responses.retrieve(first.id)).output_text, 'first-turn-ok', 'retrieved output_text');
  },
  async 'openai responses web_search tool'() {
    const r = await oai.responses.create({ model: 'claude-sonnet-4-6', input: 'What is new in Oslo?', tools: [{ type: 'web_search' }] });
    const message = r.output.find((i) => i.type === 'message');
    expect(message?.content[0].annotations.some((a) => a.type === 'url_citation' && a.url.startsWith('https://')), 'url_citation annotations');
    expect(r.output.some((i) => i.type === 'web_search_call' && i.action?.query), 'web_search_call item');
  },
  async 'openai chat web_search_options'() {
    const r = await oai.chat.completions.create({ model: 'gemini-3-flash', web_search_options: {}, messages: [{ role: 'user', content: 'What is new in Oslo?' }] });
    const annotations = r.choices[0].message.annotations ?? [];
    expect(annotations.length > 0 && annotations.every((a) => a.type === 'url_citation' && a.url_citation.url), 'url_citation annotations');
  },
  async 'openai images.generate'() {
    const r = await oai.images.generate({ model: 'gpt-image-1', prompt: 'A lighthouse at dusk', size: '1024x1024' });
    const png = Buffer.from(r.data[0].b64_json, 'base64');
    expectEqual(png.subarray(1, 4).toString('latin1'), 'PNG', 'PNG signature');
    expectEqual(png.readUInt32BE(16), 1024, 'width');
    expectEqual(png.readUInt32BE(20), 1024, 'height');
  },
  async 'anthropic web search (server tool, whole and streamed)'() {
    const params = {
      model: 'claude-sonnet-4-6', max_tokens: 512,
      tools: [{ type: 'web_search_20250305', name: 'web_search', max_uses: 2 }],
      messages: [{ role: 'user', content: 'What is new in Oslo?' }],
    };
    for (const message of [await ant.messages.create(params), await ant.messages.stream(params).finalMessage()]) {
      const use = message.content.find((b) => b.type === 'server_tool_use');
      expect(use?.input?.query, `server_tool_use in ${message.content.map((b) => b.type).join(',')}`);
      const result = message.content.find((b) => b.type === 'web_search_tool_result');
      expect(result?.tool_use_id === use.id && result.content.length > 0, 'web_search_tool_result');
      expect(message.content.some((b) => b.type === 'text' && b.citations?.some((c) => c.type === 'web_search_result_location')), 'citations');
      expectEqual(message.usage.server_tool_use?.web_search_requests, 1, 'web_search_requests');
    }
  },
  // ---- @google/genai (v1 paths by default; v1beta as opencode uses) ----
  async 'genai models.list'() {
    const names = [];
    for await (const m of await gem.models.list()) names.push(m.name);
    expect(names.includes('models/gemini-3-flash'), `names: ${names.join(',')}`);
  },
  async 'genai generateContent text'() {
    const r = await gem.models.generateContent({ model: 'gemini-3-flash', contents: '[[emu:text genai-text-ok]]' });
    expectEqual(r.text, 'genai-text-ok', 'text');
    expect(r.usageMetadata?.totalTokenCount > 0, 'usageMetadata');
  },
  async 'genai generateContentStream'() {
    let text = '', chunks = 0;
    for await (const c of await gem.models.generateContentStream({ model: 'gemini-3-flash', contents: `[[emu:text ${STREAM_TEXT}]]` })) {
      if (c.text) { text += c.text; chunks++; }
    }
    expectEqual(text, STREAM_TEXT, 'streamed text');
    expect(chunks >= 2, `expected several chunks, got ${chunks}`);
  },
  async 'genai tools (streamed round trip, v1beta)'() {
    const config = { tools: [{ functionDeclarations: [{ name: weather.name, description: weather.description, parametersJsonSchema: weather.schema }] }] };
    const contents = [{ role: 'user', parts: [{ text: callWeather }] }];
    let call = null;
    const parts = [];
    for await (const c of await gemBeta.models.generateContentStream({ model: 'gemini-3-flash', contents, config })) {
      for (const p of c.candidates?.[0]?.content?.parts ?? []) parts.push(p);
      call = c.functionCalls?.[0] ?? call;
    }
    expect(call, 'no function call');
    expectEqual(call.name, 'get_weather', 'function name');
    expectEqual(call.args.city, 'Paris', 'function args');
    contents.push({ role: 'model', parts },
      { role: 'user', parts: [{ functionResponse: { id: call.id, name: call.name, response: { output: toolOutput } } }] });
    const r = await gemBeta.models.generateContent({ model: 'gemini-3-flash', contents, config });
    expectEqual(r.text, `Emulated gemini-3-flash reply after tool results: get_weather (${toolOutput})`, 'final text');
  },
  async 'genai Claude thinking tool call streamed, its parts sent back (v1beta)'() {
    const config = { tools: [{ functionDeclarations: [{ name: weather.name, description: weather.description, parametersJsonSchema: weather.schema }] }] };
    const contents = [{ role: 'user', parts: [{ text: `[[emu:think 60]] ${callWeather}` }] }];
    let call = null;
    const parts = [];
    for await (const c of await gemBeta.models.generateContentStream({ model: OPUS, contents, config })) {
      for (const p of c.candidates?.[0]?.content?.parts ?? []) parts.push(p);
      call = c.functionCalls?.[0] ?? call;
    }
    const thoughts = parts.filter(p => p.thought);
    expect(thoughts.length > 1, `expected the thought in several parts, got ${thoughts.length}`);
    expect(thoughts.some(p => p.thoughtSignature), 'no thought signature');
    expect(call, 'no function call');
    contents.push({ role: 'model', parts },
      { role: 'user', parts: [{ functionResponse: { id: call.id, name: call.name, response: { output: toolOutput } } }] });
    const r = await gemBeta.models.generateContent({ model: OPUS, contents, config });
    expectEqual(r.text, `Emulated ${OPUS} reply after tool results: get_weather (${toolOutput})`, 'final text');
  },
  async 'genai countTokens'() {
    const r = await gem.models.countTokens({ model: 'gemini-3-flash', contents: 'count these tokens please' });
    expect(r.totalTokens > 0, `totalTokens ${r.totalTokens}`);
  },
};

let failed = 0;
for (const [name, run] of Object.entries(cases)) {
  try {
    await run();
    console.log(`PASS sdk: ${name}`);
  } catch (e) {
    failed++;
    console.log(`FAIL sdk: ${name}: ${String(e?.message ?? e).split('\n')[0].slice(0, 400)}`);
  }
}
process.exit(failed === 0 ? 0 : 1);
