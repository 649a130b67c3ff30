using System.Text.Json;

namespace Switchyard.RateLimits;

internal static partial class UpstreamErrorClassifier
{
    /// <summary>The fields of a Google error body the classifier reads; all optional.</summary>
    private sealed record ErrorEnvelope(
        string? Message,
        string? PlainText,
        string? Reason,
        string? Model,
        string? RetryDelay,
        string? QuotaResetDelay,
        string? QuotaResetTimeStamp,
        string? RetryAfter,
        string? ValidationUrl)
    {
        private static readonly ErrorEnvelope Empty = new(null, null, null, null, null, null, null, null, null);

        public static ErrorEnvelope Read(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return Empty;
            }

            var trimmed = body.AsSpan().Trim();
            if (trimmed.StartsWith("data:", StringComparison.Ordinal))
            {
                // An error sent as one SSE event.
                trimmed = trimmed[5..];
                var eol = trimmed.IndexOf('\n');
                trimmed = (eol >= 0 ? trimmed[..eol] : trimmed).Trim();
            }

            if (trimmed.Length > MaxBodyChars || trimmed.Length == 0 || (trimmed[0] != '{' && trimmed[0] != '['))
            {
                return Empty with { PlainText = PlainTextOf(body) };
            }

            try
            {
                using var doc = JsonDocument.Parse(trimmed.ToString(), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
                return FromJson(doc.RootElement) ?? Empty with { PlainText = PlainTextOf(body) };
            }
            catch (JsonException)
            {
                return Empty with { PlainText = PlainTextOf(body) };
            }
        }

        private static ErrorEnvelope? FromJson(JsonElement root)
        {
            if (root.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in root.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("error", out _))
                    {
                        return FromJson(item);
                    }
                }

                return null;
            }

            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error))
            {
                return null;
            }

            if (error.ValueKind == JsonValueKind.String)
            {
                return Empty with { Message = error.GetString() };
            }

            if (error.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            string? reason = null, model = null, retryDelay = null, resetDelay = null, resetStamp = null, validationUrl = null;
            if (error.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array)
            {
                // Iterating in order prefers details[0] for ErrorInfo (RS reads only that position; TS scans all).
                foreach (var detail in details.EnumerateArray())
                {
                    if (detail.ValueKind != JsonValueKind.Object)
                    {
                        continue;
                    }

                    var type = String(detail, "@type") ?? string.Empty;
                    if (type.EndsWith("RetryInfo", StringComparison.Ordinal))
                    {
                        retryDelay ??= DurationText(detail, "retryDelay");
                    }

                    if (reason is null && (type.EndsWith("ErrorInfo", StringComparison.Ordinal) || (type.Length == 0 && detail.TryGetProperty("reason", out _))))
                    {
                        reason = String(detail, "reason");
                    }

                    if (detail.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
                    {
                        model ??= String(metadata, "model");
                        resetDelay ??= String(metadata, "quotaResetDelay");
                        resetStamp ??= String(metadata, "quotaResetTimeStamp");
                        validationUrl ??= String(metadata, "validation_url");
                    }
                }
            }

            return new ErrorEnvelope(
                Unwrap(String(error, "message")),
                null,
                reason,
                model,
                retryDelay,
                resetDelay,
                resetStamp,
                DurationText(error, "retry_after"),
                validationUrl);
        }

        /// <summary>Claude errors arrive double-wrapped: the message is itself an Anthropic error JSON (§5.5).</summary>
        private static string? Unwrap(string? message)
        {
            if (message is null || !message.StartsWith('{'))
            {
                return message;
            }

            try
            {
                using var inner = JsonDocument.Parse(message);
                if (inner.RootElement.ValueKind == JsonValueKind.Object
                    && inner.RootElement.TryGetProperty("error", out var e)
                    && e.ValueKind == JsonValueKind.Object
                    && String(e, "message") is { } innerMessage)
                {
                    return innerMessage;
                }
            }
            catch (JsonException)
            {
                // Not JSON after all.
            }

            return message;
        }

        private static string? String(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        /// <summary>A duration as a string ("1.5s"), a number of seconds, or a protobuf {seconds, nanos} object.</summary>
        private static string? DurationText(JsonElement obj, string name)
        {
            if (!obj.TryGetProperty(name, out var v))
            {
                return null;
            }

            switch (v.ValueKind)
            {
                case JsonValueKind.String:
                    return v.GetString();
                case JsonValueKind.Number when v.TryGetDouble(out var seconds):
                    return seconds.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                case JsonValueKind.Object:
                    var s = v.TryGetProperty("seconds", out var sec) && sec.ValueKind == JsonValueKind.Number && sec.TryGetDouble(out var sd) ? sd
                        : v.TryGetProperty("seconds", out sec) && sec.ValueKind == JsonValueKind.String && double.TryParse(sec.GetString(), System.Globalization.CultureInfo.InvariantCulture, out sd) ? sd
                        : 0;
                    var n = v.TryGetProperty("nanos", out var nanos) && nanos.ValueKind == JsonValueKind.Number && nanos.TryGetDouble(out var nd) ? nd : 0;
                    return (s + (n / 1e9)).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                default:
                    return null;
            }
        }

        private static string PlainTextOf(string body)
        {
            var title = body.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
            if (title >= 0)
            {
                var end = body.IndexOf("</title>", title, StringComparison.OrdinalIgnoreCase);
                if (end > title)
                {
                    return body[(title + 7)..end].Trim();
                }
            }

            var text = body.Length > MaxMessageChars ? body[..MaxMessageChars] : body;
            return text.ReplaceLineEndings(" ").Trim();
        }
    }
}
