using System.Text;
using Switchyard.Models;
using Switchyard.Protocols.OpenAI;
using Switchyard.Protocols.Shared;
using Switchyard.Upstream.Wire;

namespace Switchyard.Tests.Protocols.OpenAI;

public sealed class ImagesTranslatorTests
{
    private static readonly ModelRoute Image = new("gpt-image-1", "gemini-3.1-flash-image", ModelFamily.Gemini, "image", Thinking: false, Gemini3: true, ImageGeneration: true);

    private static ImagesRequest Read(string json)
    {
        Assert.True(ImagesTranslator.TryRead(Encoding.UTF8.GetBytes(json), out var request, out var error), error?.Message);
        return request;
    }

    [Theory]
    [InlineData("1024x1024", "1:1", "1K")]
    [InlineData("1536x1024", "3:2", "1K")]
    [InlineData("1024x1536", "2:3", "1K")]
    [InlineData("1792x1024", "16:9", "2K")]
    [InlineData("256x256", "1:1", "1K")]
    [InlineData("4096x4096", "1:1", "4K")]
    [InlineData("2100x900", "21:9", "2K")]
    public void For_Size_NearestRatioAndSizeByLongerSide(string size, string ratio, string imageSize)
    {
        var config = ImageSizing.For(new ImagesRequest { Size = size })!;

        Assert.Equal((ratio, imageSize), (config.AspectRatio, config.ImageSize));
    }

    [Fact]
    public void For_AutoOrNone_LeftToTheUpstream()
    {
        Assert.Null(ImageSizing.For(new ImagesRequest { Size = "auto" }));
        Assert.Null(ImageSizing.For(new ImagesRequest()));
    }

    [Fact]
    public void For_ExplicitAspectRatio_WinsOverSize()
    {
        var config = ImageSizing.For(new ImagesRequest { Size = "1024x1024", AspectRatio = "9:16" })!;

        Assert.Equal(("9:16", "1K"), (config.AspectRatio, config.ImageSize));
    }

    [Fact]
    public void ToUpstream_EditWithMask_ImagesThenMaskThenPromptAsImageGen()
    {
        var request = Read("""{"prompt":"purple sky","size":"1024x1024"}""");
        request.InputImages.Add(new Blob { MimeType = "image/png", Data = "AAA" });
        request.Mask = new Blob { MimeType = "image/png", Data = "BBB" };

        var envelope = ImagesTranslator.ToUpstream(request, new TranslationContext(Image, "proj", "req", new ThinkingMemory()));

        Assert.Equal(("gemini-3.1-flash-image", "image_gen"), (envelope.Model, envelope.RequestType));
        var parts = envelope.Request.Contents.Single().Parts;
        Assert.Equal(["AAA", "BBB", null], parts.Select(p => p.InlineData?.Data));
        Assert.StartsWith(ImagesTranslator.MaskNote, parts[2].Text, StringComparison.Ordinal);
        Assert.Equal(["TEXT", "IMAGE"], envelope.Request.GenerationConfig!.ResponseModalities!);
        Assert.Null(envelope.Request.Tools);
        Assert.Null(envelope.Request.GenerationConfig.ThinkingConfig);
    }

    [Fact]
    public void Validate_EditJsonImages_DataUrlsBecomeInputImages()
    {
        var request = Read("""{"prompt":"p","images":[{"image_url":"data:image/jpeg;base64,/9j/"}]}""");

        Assert.Null(ImagesTranslator.Validate(request, edit: true, maxImages: 4));
        Assert.Equal(("image/jpeg", "/9j/"), (request.InputImages[0].MimeType, request.InputImages[0].Data));
    }

    [Fact]
    public void Validate_EditWithWebUrl_400NamingTheImage()
    {
        var error = ImagesTranslator.Validate(Read("""{"prompt":"p","images":[{"image_url":"https://example.com/a.png"}]}"""), edit: true, maxImages: 4);

        Assert.Equal("images[0].image_url", error!.Param);
    }

    [Fact]
    public void FromUpstream_UrlFormat_DataUrlsAndTextAsRevisedPrompt()
    {
        var request = Read("""{"prompt":"p","response_format":"url","size":"1024x1024"}""");

        var response = ImagesTranslator.FromUpstream([(new Blob { MimeType = "image/png", Data = "AAA" }, "A cat.")], [new UsageMetadata { PromptTokenCount = 5, CandidatesTokenCount = 7 }], request, DateTimeOffset.FromUnixTimeSeconds(42));

        var image = Assert.Single(response.Data);
        Assert.Equal(("data:image/png;base64,AAA", null, "A cat."), (image.Url, image.B64Json, image.RevisedPrompt));
        Assert.Equal((42L, "png", "1024x1024", 12), (response.Created, response.OutputFormat, response.Size, response.Usage!.TotalTokens));
    }
}
