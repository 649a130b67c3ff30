namespace Switchyard.Foundation;

/// <summary>
/// An options type bound from one configuration section. Each type binds itself through a call the configuration
/// binding source generator sees with the concrete type (a generic <c>BindConfiguration&lt;T&gt;</c> cannot be
/// generated, and the reflection binder is not trim- or AOT-safe). Unknown keys are errors.
/// </summary>
internal interface IGatewayOptions<TSelf>
    where TSelf : class
{
    /// <summary>Binds <paramref name="section"/> onto <paramref name="options"/>; throws <see cref="InvalidOperationException"/> on an unknown key or a bad value.</summary>
    static abstract void Bind(IConfiguration section, TSelf options);
}
