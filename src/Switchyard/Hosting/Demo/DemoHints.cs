namespace Switchyard.Hosting.Demo;

/// <summary>What <c>switchyard demo</c> suggests trying once the gateway is up.</summary>
internal static class DemoHints
{
    public static string Text(string url, string dataDir, Uri emulator) => $$"""

        Try it (any API key works from this machine):

          Anthropic  curl -s {{url}}/v1/messages -H 'content-type: application/json' -H 'anthropic-version: 2023-06-01' \
                       -d '{"model":"claude-sonnet-4-5","max_tokens":256,"messages":[{"role":"user","content":"hello"}]}'
          OpenAI     curl -s {{url}}/v1/chat/completions -H 'content-type: application/json' \
                       -d '{"model":"gemini-3-flash","messages":[{"role":"user","content":"hello"}]}'
          Gemini     curl -s {{url}}/v1beta/models/gemini-3-flash:generateContent -H 'content-type: application/json' \
                       -d '{"contents":[{"role":"user","parts":[{"text":"hello"}]}]}'

          Claude Code  ANTHROPIC_BASE_URL={{url}} ANTHROPIC_API_KEY=demo claude -p "hello"
          opencode     in opencode.json: {{OpenCodeConfig(url)}}
                       then: opencode run -m anthropic/claude-sonnet-4-5 "hello"

          Accounts     switchyard accounts list --data-dir {{dataDir}}
          Emulator     {{emulator}}__emulator/requests (what reached "Google"), {{emulator}}__emulator/faults

        """;

    private static string OpenCodeConfig(string url) =>
        "{\"provider\":{\"anthropic\":{\"options\":{\"baseURL\":\"" + url + "/v1\",\"apiKey\":\"demo\"}}}}";
}
