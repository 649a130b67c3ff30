using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Switchyard.FunctionalTests.FrontDoors;

namespace Switchyard.FunctionalTests.Images;

/// <summary><c>/v1/images/generations</c> and <c>/v1/images/edits</c> on the upstream's image models, and generated images on the chat doors.</summary>
public sealed class ImagesEndpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (int Width, int Height) PngSize(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        Assert.Equal([0x89, 0x50, 0x4E, 0x47], bytes[..4]);
        return (BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    [Fact]
    public async Task Generations_SizeAndCount_OneImageGenCallPerImageWithImageConfig()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        using var response = await h.PostAsync("v1/images/generations", """{"model":"gpt-image-1","prompt":"A lighthouse at dusk","n":2,"size":"1536x1024"}""");

        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        var data = json["data"]!.AsArray();
        Assert.Equal(2, data.Count);
        var (width, height) = PngSize((string)data[0]!["b64_json"]!);
        Assert.True(width > height, $"{width}x{height}");
        Assert.Equal("png", (string)json["output_format"]!);
        Assert.Equal("gemini-3.1-flash-image", response.Headers.GetValues("X-Mapped-Model").Single());
        var calls = await h.GenerateCallsAsync();
        Assert.Equal(2, calls.Count);
        var sent = JsonNode.Parse(calls[0].Body!)!;
        Assert.Equal(("gemini-3.1-flash-image", "image_gen"), ((string)sent["model"]!, (string)sent["requestType"]!));
        var config = sent["request"]!["generationConfig"]!["imageConfig"]!;
        Assert.Equal(("3:2", "1K"), ((string)config["aspectRatio"]!, (string)config["imageSize"]!));
    }

    [Fact]
    public async Task Generations_ResponseFormatUrl_DataUrl()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        using var response = await h.PostAsync("v1/images/generations", """{"model":"gemini-3.1-flash-image","prompt":"A cat","response_format":"url","aspect_ratio":"16:9","image_size":"2K"}""");

        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.StartsWith("data:image/png;base64,", (string)json["data"]![0]!["url"]!, StringComparison.Ordinal);
        Assert.Null(json["data"]![0]!["b64_json"]);
        var config = JsonNode.Parse((await h.GenerateCallsAsync()).Single().Body!)!["request"]!["generationConfig"]!["imageConfig"]!;
        Assert.Equal(("16:9", "2K"), ((string)config["aspectRatio"]!, (string)config["imageSize"]!));
    }

    [Theory]
    [InlineData("""{"model":"gpt-image-1"}""", "prompt")]
    [InlineData("""{"prompt":"x","size":"huge"}""", "size")]
    [InlineData("""{"prompt":"x","n":11}""", "n")]
    [InlineData("""{"prompt":"x","response_format":"gif"}""", "response_format")]
    [InlineData("""{"prompt":"x","aspect_ratio":"7:3"}""", "aspect_ratio")]
    public async Task Generations_BadInput_400NamingTheField(string body, string param)
    {
        await using var h = await FrontDoorHarness.StartAsync();

        using var response = await h.PostAsync("v1/images/generations", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(param, (string)(await FrontDoorHarness.JsonAsync(response))["error"]!["param"]!);
        Assert.Empty(await h.GenerateCallsAsync());
    }

    [Fact]
    public async Task Edits_MultipartImageAndMask_SentAsInlineDataBeforeThePrompt()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        const string png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(Convert.FromBase64String(png));
        image.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(image, "image[]", "photo.png");
        form.Add(new ByteArrayContent(Convert.FromBase64String(png)), "mask", "mask.png");
        form.Add(new StringContent("Make the sky purple"), "prompt");
        form.Add(new StringContent("gpt-image-1"), "model");

        using var response = await h.Client.PostAsync("v1/images/edits", form, Ct);

        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        Assert.NotNull(json["data"]![0]!["b64_json"]);
        var parts = JsonNode.Parse((await h.GenerateCallsAsync()).Single().Body!)!["request"]!["contents"]![0]!["parts"]!.AsArray();
        Assert.Equal(3, parts.Count);
        Assert.Equal("image/png", (string)parts[0]!["inlineData"]!["mimeType"]!);
        Assert.NotNull(parts[1]!["inlineData"]);
        Assert.EndsWith("Make the sky purple", (string)parts[2]!["text"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edits_NoImage_400NamingImage()
    {
        await using var h = await FrontDoorHarness.StartAsync();
        using var form = new MultipartFormDataContent { { new StringContent("Make it purple"), "prompt" } };

        using var response = await h.Client.PostAsync("v1/images/edits", form, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("image", (string)(await FrontDoorHarness.JsonAsync(response))["error"]!["param"]!);
    }

    [Fact]
    public async Task Messages_ImageModel_ImageAsMarkdownDataUrlTextBlock()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        using var response = await h.PostAsync("v1/messages", """{"model":"gemini-3.1-flash-image","max_tokens":1024,"messages":[{"role":"user","content":"Draw a cat"}]}""");

        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, json.ToJsonString());
        var image = json["content"]!.AsArray().Select(b => (string?)b!["text"]).Single(t => t?.StartsWith("![image](data:image/png;base64,", StringComparison.Ordinal) == true);
        Assert.EndsWith(")", image!, StringComparison.Ordinal);
        var sent = JsonNode.Parse((await h.GenerateCallsAsync()).Single().Body!)!;
        Assert.Equal("image_gen", (string)sent["requestType"]!);
    }

    [Fact]
    public async Task ChatCompletions_ImageModel_ImageAsMarkdownDataUrl()
    {
        await using var h = await FrontDoorHarness.StartAsync();

        using var response = await h.PostAsync("v1/chat/completions", """{"model":"gemini-3.1-flash-image","messages":[{"role":"user","content":"Draw a cat"}]}""");

        var json = await FrontDoorHarness.JsonAsync(response);
        Assert.Contains("![image](data:image/png;base64,", (string)json["choices"]![0]!["message"]!["content"]!, StringComparison.Ordinal);
    }
}
