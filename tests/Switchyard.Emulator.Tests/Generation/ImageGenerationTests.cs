using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Switchyard.Emulator.Generation;
using Switchyard.Emulator.Tests.Validation;
using static Switchyard.Emulator.Tests.Generation.GenerationClient;

namespace Switchyard.Emulator.Tests.Generation;

public sealed class ImageGenerationTests
{
    private const string FlashImage = "gemini-3.1-flash-image";

    private static JsonObject ImageEnvelope(string prompt, JsonObject? generationConfig = null, string model = FlashImage)
    {
        var body = EmulatorFixture.Envelope(model, prompt);
        if (generationConfig is not null)
        {
            body["request"]!["generationConfig"] = generationConfig;
        }

        return body;
    }

    private static JsonObject ImageConfig(string? aspectRatio, string? imageSize)
    {
        var config = new JsonObject();
        if (aspectRatio is not null)
        {
            config["aspectRatio"] = aspectRatio;
        }

        if (imageSize is not null)
        {
            config["imageSize"] = imageSize;
        }

        return new JsonObject { ["responseModalities"] = new JsonArray("TEXT", "IMAGE"), ["imageConfig"] = config };
    }

    private static byte[] Png(IEnumerable<JsonObject> parts)
    {
        var image = Assert.Single(parts, p => p.ContainsKey("inlineData"))["inlineData"]!;
        Assert.Equal("image/png", (string?)image["mimeType"]);
        return Convert.FromBase64String((string)image["data"]!);
    }

    /// <summary>Checks the signature, every chunk's CRC, that IDAT inflates to one filtered row per line, and returns the IHDR size.</summary>
    private static (int Width, int Height, byte[] Palette) ReadPng(byte[] png)
    {
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        int width = 0, height = 0;
        byte[] palette = [];
        using var idat = new MemoryStream();
        var chunks = new List<string>();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length));
            Assert.Equal(ImagePng.Crc(0xFFFFFFFFu, png.AsSpan(at + 4, 4 + length)) ^ 0xFFFFFFFFu, crc);
            chunks.Add(type);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    break;
                case "PLTE":
                    palette = data.ToArray();
                    break;
                case "IDAT":
                    idat.Write(data);
                    break;
            }

            at += 12 + length;
        }

        Assert.Equal(["IHDR", "PLTE", "IDAT", "IEND"], chunks);
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        Assert.Equal((long)height * (1 + ((width + 7) / 8)), inflated.Length);
        return (width, height, palette);
    }

    [Fact]
    public async Task Generate_ImageModelNoConfig_SquareOneKPngAndText()
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, ImageEnvelope("a red fox"));

        var parts = Parts(body);
        Assert.NotEmpty(Text(parts));
        var (width, height, palette) = ReadPng(Png(parts));
        Assert.Equal((1024, 1024), (width, height));
        Assert.Equal(3, palette.Length);
        Assert.DoesNotContain(parts, IsThought);
    }

    [Theory]
    [InlineData("16:9", "2K", 2752, 1536)]
    [InlineData("9:16", "1K", 768, 1376)]
    [InlineData("21:9", "4K", 6336, 2688)]
    [InlineData("4:3", null, 1200, 896)]
    [InlineData(null, "2K", 2048, 2048)]
    public async Task Generate_ImageConfig_PngHasRequestedSize(string? aspectRatio, string? imageSize, int width, int height)
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, ImageEnvelope("a lighthouse", ImageConfig(aspectRatio, imageSize)));

        var png = ReadPng(Png(Parts(body)));
        Assert.Equal((width, height), (png.Width, png.Height));
    }

    [Fact]
    public async Task Generate_SamePromptSameBytes_OtherPromptOtherColour()
    {
        await using var emu = await StartAsync();

        var first = Png(Parts(await GenerateAsync(emu, ImageEnvelope("a cat"))));
        var again = Png(Parts(await GenerateAsync(emu, ImageEnvelope("a cat"))));
        var other = Png(Parts(await GenerateAsync(emu, ImageEnvelope("a dog"))));

        Assert.Equal(first, again);
        Assert.NotEqual(ReadPng(first).Palette, ReadPng(other).Palette);
    }

    [Theory]
    [InlineData("IMAGE", false, true)]
    [InlineData("TEXT", true, false)]
    public async Task Generate_ResponseModalities_OnlyTheNamedKinds(string modality, bool text, bool image)
    {
        await using var emu = await StartAsync();

        var body = await GenerateAsync(emu, ImageEnvelope("a tree", new JsonObject { ["responseModalities"] = new JsonArray(modality) }));

        var parts = Parts(body);
        Assert.Equal(text, Text(parts).Length > 0);
        Assert.Equal(image, parts.Any(p => p.ContainsKey("inlineData")));
    }

    [Fact]
    public async Task Stream_ImageModelWithConfig_StreamsSizedPng()
    {
        await using var emu = await StartAsync();

        var events = await StreamEventsAsync(emu, ImageEnvelope("a boat", ImageConfig("3:2", "1K"), FlashImage));

        var png = ReadPng(Png(AllParts(events)));
        Assert.Equal((1264, 848), (png.Width, png.Height));
        Assert.Equal("STOP", FinishReason(events[^1]));
    }

    [Theory]
    [InlineData("7:3", null, "Unsupported aspect ratio \"7:3\".")]
    [InlineData("1:1", "8K", "Unsupported image size \"8K\".")]
    [InlineData(null, "1k", "Unsupported image size \"1k\".")]
    public async Task Generate_UnknownImageConfigValue_Rejected(string? aspectRatio, string? imageSize, string messageStart)
    {
        await using var emu = await StartAsync();

        using var response = await emu.CallAsync("generateContent", ImageEnvelope("x", ImageConfig(aspectRatio, imageSize)), await emu.TokenAsync());

        Assert.Equal(400, (int)response.StatusCode);
        var error = (await EmulatorFixture.ReadJsonAsync(response))["error"]!;
        Assert.StartsWith(messageStart, (string)error["message"]!, StringComparison.Ordinal);
        Assert.Equal("image-config", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_ImageModelWithTools_Rejected()
    {
        await using var emu = await StartAsync();
        var body = ImageEnvelope("x");
        body["request"]!["tools"] = new JsonArray(new JsonObject
        {
            ["functionDeclarations"] = new JsonArray(new JsonObject { ["name"] = "read_file" }),
        });

        using var response = await emu.CallAsync("generateContent", body, await emu.TokenAsync());

        await ValidationKit.AssertGoogle400Async(response, ToolRules.ToolsOnImageModel);
        Assert.Equal("image-tools", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_ImageModelWithThinkingConfig_Rejected()
    {
        await using var emu = await StartAsync();

        using var response = await emu.CallAsync("generateContent", WithThoughts(ImageEnvelope("x")), await emu.TokenAsync());

        await ValidationKit.AssertGoogle400Async(response, ToolRules.ThinkingOnImageModel);
        Assert.Equal("image-thinking", await emu.LastOutcomeAsync());
    }

    [Theory]
    [InlineData(FlashImage, "agent")]
    [InlineData("gemini-3-flash", "image_gen")]
    public async Task Generate_RequestTypeDisagreesWithImageModel_Rejected(string model, string requestType)
    {
        await using var emu = await StartAsync();
        var body = EmulatorFixture.Envelope(model, "x");
        body["requestType"] = requestType;

        using var response = await emu.CallAsync("generateContent", body, await emu.TokenAsync());

        await ValidationKit.AssertGoogle400Async(response, "Request contains an invalid argument.");
        Assert.Equal("image-request-type", await emu.LastOutcomeAsync());
    }

    [Fact]
    public async Task Generate_ImageRulesOff_AgentRequestWithToolsPasses()
    {
        await using var emu = await StartAsync(new EmulatorConfig
        {
            Images = new ImageGenConfig { RequireImageRequestType = false, RejectTools = false },
        });
        var body = EmulatorFixture.Envelope(FlashImage, "x");
        body["requestType"] = "agent";
        body["request"]!["tools"] = new JsonArray(new JsonObject
        {
            ["functionDeclarations"] = new JsonArray(new JsonObject { ["name"] = "read_file" }),
        });

        using var response = await emu.CallAsync("generateContent", body, await emu.TokenAsync());

        await ValidationKit.AssertOkAsync(response);
    }
}
