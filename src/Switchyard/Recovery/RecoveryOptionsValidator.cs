using Microsoft.Extensions.Options;

namespace Switchyard.Recovery;

/// <summary>Attribute rules of <see cref="RecoveryOptions"/>, generated at build time.</summary>
[OptionsValidator]
internal sealed partial class RecoveryOptionsValidator : IValidateOptions<RecoveryOptions>;
