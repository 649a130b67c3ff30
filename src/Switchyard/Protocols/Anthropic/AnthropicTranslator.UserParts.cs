using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Upstream.Wire;

namespace Switchyard.Protocols.Anthropic;

internal static partial class AnthropicTranslator
{
    private static List<Part> UserParts(List<ContentBlock> blocks, Dictionary<string, string> toolNames)
    {
        var parts = new List<Part>(blocks.Count);
        foreach (var block in blocks)
        {
            if (block.Type != "tool_result")
            {
                AddCommonPart(block, parts);
                continue;
            }

            var nested = block.Content ?? [];
            var text = ResultText(nested);
            var response = new JsonObject { [block.IsError == true ? "error" : "output"] = text };
            parts.Add(new Part
            {
                FunctionResponse = new FunctionResponse
                {
                    Name = toolNames.GetValueOrDefault(block.ToolUseId!, UnknownToolName),
                    Id = block.ToolUseId,
                    Response = response,
                },
            });
            foreach (var inner in nested)
            {
                if (inner.Type is "image" or "document")
                {
                    AddCommonPart(inner, parts);
                }
            }
        }

        return parts;
    }

    /// <summary>The text blocks of a tool_result, joined with newlines.</summary>
    private static string ResultText(List<ContentBlock> blocks)
    {
        string? single = null;
        StringBuilder? joined = null;
        foreach (var block in blocks)
        {
            if (block.Type != "text" || block.Text is null)
            {
                continue;
            }

            if (single is null && joined is null)
            {
                single = block.Text;
                continue;
            }

            joined ??= new StringBuilder(single);
            joined.Append('\n').Append(block.Text);
            single = null;
        }

        return joined?.ToString() ?? single ?? "";
    }

    /// <summary>text, image and document blocks, the same on both sides. Other block types are dropped.</summary>
    private static void AddCommonPart(ContentBlock block, List<Part> parts)
    {
        switch (block.Type)
        {
            case "text" when !string.IsNullOrEmpty(block.Text):
                parts.Add(new Part { Text = block.Text });
                break;
            case "image" or "document" when block.Source is { } source:
                var defaultMime = block.Type == "document" ? "application/pdf" : null;
                switch (source.Type)
                {
                    case "base64" when source.Data is not null:
                        parts.Add(new Part { InlineData = new Blob { MimeType = source.MediaType ?? defaultMime ?? "image/png", Data = source.Data } });
                        break;
                    case "url" when source.Url is not null:
                        parts.Add(new Part { FileData = new FileData { MimeType = source.MediaType ?? defaultMime ?? MimeFromUrl(source.Url), FileUri = source.Url } });
                        break;
                    case "text" when !string.IsNullOrEmpty(source.Data):
                        parts.Add(new Part { Text = source.Data });
                        break;
                }

                break;
        }
    }

    private static string? MimeFromUrl(string url)
    {
        var path = Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.AbsolutePath : url;
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".jpg" or ".jpeg" => "image/jpeg",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".pdf" => "application/pdf",
            _ => null,
        };
    }
}
