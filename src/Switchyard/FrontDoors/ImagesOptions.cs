using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Switchyard.Foundation;

namespace Switchyard.FrontDoors;

/// <summary>
/// <c>/v1/images/generations</c> and <c>/v1/images/edits</c>. Section <c>Images</c>. A request naming an image model
/// (e.g. <c>gemini-3.1-flash-image</c>) uses it; any other name (<c>gpt-image-1</c>, <c>dall-e-3</c>, none) uses
/// <see cref="Model"/>.
/// </summary>
internal sealed class ImagesOptions : IGatewayOptions<ImagesOptions>
{
    public const string Section = "Images";

    /// <inheritdoc/>
    public static void Bind(IConfiguration section, ImagesOptions options) => section.Bind(options, o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>The image model for requests that name none of the gateway's image models.</summary>
    [Required]
    public string Model { get; set; } = "gemini-3.1-flash-image";

    /// <summary>Most images one request may ask for (<c>n</c>); each is one upstream call.</summary>
    [Range(1, 10)]
    public int MaxImages { get; set; } = 4;
}

/// <summary>Attribute rules of <see cref="ImagesOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class ImagesOptionsValidator : IValidateOptions<ImagesOptions>;
