using System.Text;

namespace Switchyard.FunctionalTests.Edge;

/// <summary>Seeded request generators for every front door, the shared model routes, unmatched routes and the admin API.</summary>
internal static class FuzzCases
{
    public const string Messages = """{"model":"claude-sonnet-4-5","max_tokens":64,"system":"be brief","stream":false,"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":[{"type":"text","text":"ok"}]},{"role":"user","content":[{"type":"text","text":"hi"}]}],"tools":[{"name":"t","description":"d","input_schema":{"type":"object","properties":{"a":{"type":"string"}}}}],"metadata":{"user_id":"u1"}}""";
    public const string Chat = """{"model":"gemini-3-flash","max_tokens":64,"stream":false,"messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","description":"d","parameters":{"type":"object","properties":{"a":{"type":"string"}}}}}]}""";
    public const string Generate = """{"contents":[{"role":"user","parts":[{"text":"hi"}]}],"systemInstruction":{"parts":[{"text":"be brief"}]},"generationConfig":{"maxOutputTokens":64,"temperature":0.5},"tools":[{"functionDeclarations":[{"name":"f","description":"d","parameters":{"type":"OBJECT","properties":{"a":{"type":"STRING"}}}}]}]}""";
    public const string Count = """{"contents":[{"role":"user","parts":[{"text":"hi"}]}]}""";
    public const string Responses = """{"model":"gemini-3-flash","instructions":"be brief","stream":false,"store":false,"max_output_tokens":64,"include":["reasoning.encrypted_content"],"input":[{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]},{"type":"function_call","call_id":"c1","name":"f","arguments":"{\"a\":\"x\"}"},{"type":"function_call_output","call_id":"c1","output":"ok"}],"tools":[{"type":"function","name":"f","description":"d","parameters":{"type":"object","properties":{"a":{"type":"string"}}}},{"type":"custom","name":"apply_patch","description":"patch"}],"tool_choice":"auto","reasoning":{"effort":"low","summary":"auto"}}""";
    public const string Images = """{"model":"gemini-3.1-flash-image","prompt":"a cat","n":1,"size":"1024x1024","response_format":"b64_json"}""";

    /// <summary>A 1×1 PNG, the image of a fuzzed edit.</summary>
    private const string Png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

    private static readonly string[] GeminiMethods = ["generateContent", "streamGenerateContent", "countTokens", "embedContent", "", "generateContent:x"];
    private static readonly string[] OddQueries = ["", "", "", "?alt=sse", "?alt=json", "?alt=sse&alt=sse", "?beta=true", "?key=", "?key=%00", "?%ZZ=1", "?a=" + new string('q', 3000), "?alt=%ff%fe"];
    private static readonly string[] ContentTypes =
        ["application/json", "application/json", "application/json", "application/json; charset=utf-8", "application/vnd.x+json", "text/plain", "", "application/x-www-form-urlencoded", "application/json; charset=utf-16"];

    /// <summary>The envelope a request's errors must come in, by the rules a client relies on (written here apart from the gateway's code).</summary>
    public static string FamilyOf(string method, string pathAndQuery, IReadOnlyList<(string Name, string Value)> headers)
    {
        var q = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(q < 0 ? pathAndQuery : pathAndQuery[..q]).ToLowerInvariant();
        var query = q < 0 ? "" : pathAndQuery[q..];
        bool Under(string prefix) => path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal);
        bool Has(string name) => headers.Any(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase));
        if (Under("/v1beta"))
        {
            return Envelopes.Gemini;
        }

        // The Responses and images doors answer in OpenAI's envelope too.
        if (Under("/v1/chat/completions") || Under("/v1/responses") || Under("/responses") || Under("/v1/images"))
        {
            return Envelopes.OpenAI;
        }

        if (Under("/v1/messages"))
        {
            return Envelopes.Anthropic;
        }

        if (!Under("/v1"))
        {
            return Envelopes.Plain;
        }

        if (method == "POST" && Under("/v1/models"))
        {
            return Envelopes.Gemini;
        }

        return Has("x-goog-api-key") || query.StartsWith("?key", StringComparison.Ordinal) || query.Contains("&key", StringComparison.Ordinal) ? Envelopes.Gemini
            : Has("x-api-key") || Has("anthropic-version") ? Envelopes.Anthropic
            : Envelopes.OpenAI;
    }

    /// <summary><paramref name="count"/> front-door cases (a few over a raw socket).</summary>
    public static List<FuzzCase> FrontDoors(int seed, int count)
    {
        var random = new Random(seed);
        var mutate = new JsonMutator(random);
        var cases = new List<FuzzCase>(count);
        for (var i = 0; i < count; i++)
        {
            var headers = new List<(string, string)>();
            string path;
            string seedBody;
            switch (random.Next(13))
            {
                case 0 or 1:
                    path = "/v1/messages" + (random.Next(4) == 0 ? "?beta=true" : "");
                    seedBody = Stream(random, Messages);
                    headers.Add(("anthropic-version", random.Next(5) == 0 ? "garbage" : "2023-06-01"));
                    break;
                case 2:
                    path = "/v1/messages/count_tokens";
                    seedBody = Messages;
                    headers.Add(("anthropic-version", "2023-06-01"));
                    break;
                case 3 or 4:
                    path = "/v1/chat/completions";
                    seedBody = Stream(random, Chat);
                    break;
                case 5 or 6 or 7:
                    var method = GeminiMethods[random.Next(GeminiMethods.Length)];
                    var model = random.Next(3) == 0 ? Uri.EscapeDataString(mutate.Model()) : "gemini-3-flash";
                    path = $"/{(random.Next(4) == 0 ? "v1" : "v1beta")}/models/{model}:{method}" + OddQueries[random.Next(OddQueries.Length)];
                    seedBody = method == "countTokens" ? Count : Generate;
                    if (random.Next(3) == 0)
                    {
                        headers.Add(("x-goog-api-key", "k" + random.Next()));
                    }

                    break;
                case 8:
                    cases.Add(ModelRoute(i, random, mutate));
                    continue;
                case 10 or 11:
                    if (random.Next(6) == 0)
                    {
                        cases.Add(StoredResponse(i, random, mutate));
                        continue;
                    }

                    path = random.Next(3) == 0 ? "/responses" : "/v1/responses";
                    seedBody = Stream(random, Responses);
                    break;
                case 12:
                    if (random.Next(3) == 0)
                    {
                        cases.Add(ImageEdit(i, random));
                        continue;
                    }

                    path = random.Next(4) == 0 ? "/v1/images/edits" : "/v1/images/generations";
                    seedBody = path.EndsWith("edits", StringComparison.Ordinal)
                        ? Images.Replace("\"n\":1", $"\"images\":[{{\"image_url\":\"data:image/png;base64,{Png}\"}}]", StringComparison.Ordinal)
                        : Images;
                    break;
                default:
                    cases.Add(random.Next(8) == 0 ? RawCase(i, random) : Unmatched(i, random));
                    continue;
            }

            var (body, what) = random.Next(8) == 0 ? (Encoding.UTF8.GetBytes(seedBody), "unchanged") : mutate.Mutate(seedBody);
            var contentType = ContentTypes[random.Next(ContentTypes.Length)];
            var verb = random.Next(25) == 0 ? "PUT" : "POST";
            cases.Add(new FuzzCase(i, what, verb, path, body, contentType.Length == 0 ? null : contentType, headers, FamilyOf(verb, path, headers)));
        }

        return cases;
    }

    /// <summary><paramref name="count"/> admin API cases (nothing that would remove the account or point the upstream elsewhere).</summary>
    public static List<FuzzCase> Admin(int seed, int count, string adminKey)
    {
        var random = new Random(seed);
        var mutate = new JsonMutator(random);
        string[] gets = ["accounts", "quotas", "cooldowns", "bindings", "session", "scheduling", "settings", "storage", "stats", "requests", "requests/live-not", "openapi.json"];
        string[] queries =
        [
            "", "?from=0001-01-01T00:00:00Z", "?to=0001-01-01T00:00:00Z", "?from=9999-12-31T23:59:59Z", "?to=0001-01-01T00:00:00%2B14:00", "?by=model", "?by=%00",
            "?limit=0", "?limit=99999999999999999999", "?status=5xx", "?status=-1", "?cursor=1.%2F..", "?cursor=99999999999999999999.a", "?errors=maybe",
            "?protocol=ANTHROPIC", "?model=" + new string('m', 5000), "?from=2026-01-01&from=2026-02-01", "?unknown=1", "?from=not-a-date",
        ];
        var cases = new List<FuzzCase>(count);
        for (var i = 0; i < count; i++)
        {
            var headers = new List<(string, string)> { ("X-Admin-Key", random.Next(20) == 0 ? "wrong-key-0123456789" : adminKey) };
            string method;
            string path;
            byte[]? body = null;
            var what = "";
            switch (random.Next(6))
            {
                case 0 or 1:
                    method = "GET";
                    path = "/admin/api/" + gets[random.Next(gets.Length)] + queries[random.Next(queries.Length)];
                    break;
                case 2:
                    method = "GET";
                    path = "/admin/api/requests/" + Uri.EscapeDataString(random.Next(3) == 0 ? new string('a', 65) : mutate.Model());
                    break;
                case 3:
                    method = "PATCH";
                    path = "/admin/api/" + (random.Next(2) == 0 ? "settings" : "scheduling");
                    (body, what) = mutate.Mutate(random.Next(2) == 0
                        ? """{"Scheduling:MaxWaitSeconds":"abc","Nope:Key":1,"Models:AllowUnknownModels":"maybe"}"""
                        : """{"mode":"nonsense","fixedAccount":"nobody@example.com","maxWaitSeconds":-5}""");
                    if (random.Next(4) == 0)
                    {
                        headers.Add(("If-Match", random.Next(2) == 0 ? "\"99999999999999999999\"" : "W/garbage"));
                    }

                    break;
                case 4:
                    method = "POST";
                    path = "/admin/api/" + (random.Next(3) switch { 0 => "login", 1 => "accounts/" + Uri.EscapeDataString(mutate.Model()) + "/enable", _ => "accounts/no-such-id/quota/refresh" });
                    (body, what) = mutate.Mutate("""{"password":"guess","reason":"x"}""");
                    break;
                default:
                    method = random.Next(2) == 0 ? "DELETE" : "PUT";
                    path = "/admin/api/" + (random.Next(2) == 0 ? "cooldowns/" + Uri.EscapeDataString(mutate.Model()) : "settings");
                    break;
            }

            var contentType = body is null ? null : ContentTypes[random.Next(ContentTypes.Length)];
            cases.Add(new FuzzCase(i, what, method, path, body, string.IsNullOrEmpty(contentType) ? null : contentType, headers, Envelopes.Plain));
        }

        return cases;
    }

    private static string Stream(Random random, string body) =>
        random.Next(3) == 0 ? body.Replace("\"stream\":false", "\"stream\":true", StringComparison.Ordinal) : body;

    private static FuzzCase ModelRoute(int i, Random random, JsonMutator mutate)
    {
        var headers = new List<(string, string)>();
        switch (random.Next(3))
        {
            case 0:
                headers.Add(("x-goog-api-key", "k"));
                break;
            case 1:
                headers.Add(("anthropic-version", "2023-06-01"));
                break;
        }

        var id = random.Next(3) == 0 ? "" : "/" + Uri.EscapeDataString(mutate.Model());
        var path = (random.Next(2) == 0 ? "/v1/models" : "/v1beta/models") + id + OddQueries[random.Next(OddQueries.Length)];
        var method = random.Next(6) == 0 ? "DELETE" : "GET";
        return new FuzzCase(i, "model route", method, path, null, null, headers, FamilyOf(method, path, headers));
    }

    /// <summary>GET or DELETE of a stored response by a fuzzed id (none exists: the store is empty or holds other ids).</summary>
    private static FuzzCase StoredResponse(int i, Random random, JsonMutator mutate)
    {
        var id = random.Next(3) == 0 ? "resp_" + new string('0', random.Next(1, 80)) : Uri.EscapeDataString(mutate.Model());
        var path = (random.Next(3) == 0 ? "/responses/" : "/v1/responses/") + id + (random.Next(5) == 0 ? "?include[]=x" : "");
        var method = random.Next(3) == 0 ? "DELETE" : "GET";
        return new FuzzCase(i, "stored response", method, path, null, null, [], FamilyOf(method, path, []));
    }

    /// <summary>An image edit as the OpenAI SDKs send it (a multipart form), whole or damaged.</summary>
    private static FuzzCase ImageEdit(int i, Random random)
    {
        const string boundary = "fuzz-boundary-7";
        var parts = new StringBuilder();
        void Field(string name, string value) =>
            parts.Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"").Append(name).Append("\"\r\n\r\n").Append(value).Append("\r\n");
        Field("model", random.Next(4) == 0 ? "gpt-image-1" : "gemini-3.1-flash-image");
        Field("prompt", random.Next(6) == 0 ? "" : "make it blue");
        if (random.Next(3) == 0)
        {
            Field("n", random.Next(3) switch { 0 => "two", 1 => "99", _ => "1" });
        }

        if (random.Next(6) != 0)
        {
            parts.Append("--").Append(boundary).Append("\r\nContent-Disposition: form-data; name=\"")
                .Append(random.Next(2) == 0 ? "image[]" : "image").Append("\"; filename=\"a.png\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        }

        var head = Encoding.UTF8.GetBytes(parts.ToString());
        var file = random.Next(6) == 0 ? Encoding.ASCII.GetBytes("not an image") : Convert.FromBase64String(Png);
        var tail = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        byte[] body = [.. head, .. file, .. tail];
        var (what, contentType) = random.Next(8) switch
        {
            0 => ("multipart cut short", $"multipart/form-data; boundary={boundary}"),
            1 => ("multipart without a boundary", "multipart/form-data"),
            2 => ("multipart with another boundary", "multipart/form-data; boundary=other"),
            _ => ("multipart", $"multipart/form-data; boundary={boundary}"),
        };
        if (what == "multipart cut short")
        {
            body = body[..random.Next(1, body.Length)];
        }

        const string path = "/v1/images/edits";
        return new FuzzCase(i, what, "POST", path, body, contentType, [], FamilyOf("POST", path, []));
    }

    private static FuzzCase Unmatched(int i, Random random)
    {
        string[] paths =
        [
            "/v1/nothing", "/v1beta/nothing/else", "/v1/responses", "/responses", "/v1/responses/a/b", "/v1/responses/resp_1/cancel",
            "/responses/x/input_items", "/v1/images", "/v1/images/variations", "/v1/images/generations/x", "/v1/messages/batches",
            "/v1/embeddings", "/nothing", "/admin/api/nothing", "/dashboard/nothing.js", "/v1/chat/completions/x", "/%2e%2e/%2e%2e/etc/passwd",
            "/v1/models/a/b/c",
        ];
        string[] methods = ["GET", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS"];
        var path = paths[random.Next(paths.Length)];
        var method = methods[random.Next(methods.Length)];
        var body = method is "POST" or "PATCH" ? Encoding.UTF8.GetBytes("{}") : null;
        return new FuzzCase(i, "unmatched", method, path, body, body is null ? null : "application/json", [], FamilyOf(method, path, []));
    }

    /// <summary>Framing HttpClient will not send: bad chunk sizes, extensions, short bodies, odd lengths.</summary>
    private static FuzzCase RawCase(int i, Random random)
    {
        string[] paths = ["/v1/messages", "/v1/chat/completions", "/v1/responses", "/v1/images/generations", "/v1beta/models/gemini-3-flash:generateContent", "/admin/api/settings"];
        var path = paths[random.Next(paths.Length)];
        var method = path.EndsWith("settings", StringComparison.Ordinal) ? "PATCH" : "POST";
        var (framing, what) = random.Next(6) switch
        {
            0 => ("Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n", "overflowing chunk size"),
            1 => ("Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n", "chunk size not hex"),
            2 => ("Transfer-Encoding: chunked\r\n\r\n5;;;=\"\r\n{\"a\":\r\n1\r\n}\r\n0\r\n\r\n", "odd chunk extension"),
            3 => ("Transfer-Encoding: chunked\r\n\r\n3\r\n{\"a\r\n3\r\n\":1\r\n1\r\n}\r\n0\r\n\r\n", "valid chunks"),
            4 => ("Transfer-Encoding: chunked\r\n\r\n2\r\n{}XX\r\n0\r\n\r\n", "chunk longer than its size"),
            _ => ("Content-Length: 99999999999999999999\r\n\r\n{}", "absurd Content-Length"),
        };
        var raw = Encoding.ASCII.GetBytes($"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nConnection: close\r\n{framing}");
        return new FuzzCase(i, what, method, path, null, "application/json", [], FamilyOf(method, path, [])) { Raw = raw };
    }
}
