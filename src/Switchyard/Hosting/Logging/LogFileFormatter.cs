using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Json;
using Serilog.Parsing;

namespace Switchyard.Hosting.Logging;

/// <summary>
/// One JSON object per line in Serilog's compact names: <c>@t</c> time, <c>@l</c> level, <c>@m</c> the message as the
/// logging call wrote it (text values unquoted, as on the console), <c>@x</c> the exception, then every property (the
/// message's named values, <c>SourceContext</c>, <c>EventId</c>, scope values such as <c>RequestId</c>).
/// </summary>
internal sealed class LogFileFormatter : ITextFormatter
{
    private static readonly JsonValueFormatter Values = new(typeTagName: null);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write("{\"@t\":\"");
        output.Write(logEvent.Timestamp.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        output.Write("\",\"@l\":\"");
        output.Write(logEvent.Level.ToString());
        output.Write("\",\"@m\":");
        JsonValueFormatter.WriteQuotedJsonString(Render(logEvent), output);
        if (logEvent.Exception is { } exception)
        {
            output.Write(",\"@x\":");
            JsonValueFormatter.WriteQuotedJsonString(exception.GetType().FullName + ": " + exception.Message, output);
        }

        foreach (var (name, value) in logEvent.Properties)
        {
            output.Write(',');
            JsonValueFormatter.WriteQuotedJsonString(name, output);
            output.Write(':');
            Values.Format(value, output);
        }

        output.Write("}\n");
    }

    private static string Render(LogEvent logEvent)
    {
        var text = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var token in logEvent.MessageTemplate.Tokens)
        {
            if (token is PropertyToken property && logEvent.Properties.TryGetValue(property.PropertyName, out var value)
                && value is ScalarValue { Value: string plain })
            {
                text.Write(plain);
            }
            else
            {
                token.Render(logEvent.Properties, text, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return text.ToString();
    }
}
