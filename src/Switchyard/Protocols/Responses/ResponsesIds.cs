using System.Security.Cryptography;

namespace Switchyard.Protocols.Responses;

/// <summary>Generated ids: a prefix and 24 random hex digits (<c>resp_</c>, <c>msg_</c>, <c>rs_</c>, <c>fc_</c>, <c>ctc_</c>, <c>ws_</c>, <c>ig_</c>, <c>call_</c>).</summary>
internal static class ResponsesIds
{
    public static string Response() => "resp_" + Hex();

    public static string Message() => "msg_" + Hex();

    public static string Reasoning() => "rs_" + Hex();

    public static string FunctionCall() => "fc_" + Hex();

    public static string CustomToolCall() => "ctc_" + Hex();

    public static string WebSearchCall() => "ws_" + Hex();

    public static string ImageGenerationCall() => "ig_" + Hex();

    /// <summary>A call id for an upstream call without one (Gemini).</summary>
    public static string Call() => "call_" + Hex();

    private static string Hex() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
}
