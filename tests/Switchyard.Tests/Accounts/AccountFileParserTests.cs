using Switchyard.Accounts;

namespace Switchyard.Tests.Accounts;

public sealed class AccountFileParserTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void Parse_PluginFile_ReadsEveryAccount(int version)
    {
        var json = $$"""
            {"version": {{version}}, "activeIndex": 0, "accounts": [
              {"email": "ada@example.com", "refreshToken": "1//ada|user-proj|managed-proj", "addedAt": 1750000000000, "lastUsed": 1750000000000},
              {"email": "grace@example.com", "refreshToken": "1//grace", "projectId": "p2", "enabled": false}
            ]}
            """;

        var batch = AccountFileParser.Parse(json);

        Assert.Null(batch.Error);
        Assert.Equal($"antigravity-accounts.json v{version}", batch.Format);
        Assert.Equal(2, batch.Entries.Count);
        Assert.Equal("1//ada", batch.Entries[0].RefreshToken);
        Assert.Equal("managed-proj", batch.Entries[0].ProjectId);
        Assert.Null(batch.Entries[0].Enabled);
        Assert.Equal("p2", batch.Entries[1].ProjectId);
        Assert.False(batch.Entries[1].Enabled);
    }

    [Fact]
    public void Parse_ManagerAccountFile_ReadsTokenProjectTierAndDisabled()
    {
        var json = """
            {"id": "1b2c", "email": "ada@example.com", "name": "Ada",
             "token": {"access_token": "ya29.x", "refresh_token": "1//ada", "expires_in": 3599, "project_id": "calm-wave"},
             "quota": {"subscription_tier": "Google AI Ultra"}, "disabled": true, "disabled_reason": "invalid_grant", "created_at": 1750000000}
            """;

        var batch = AccountFileParser.Parse(json);

        var entry = Assert.Single(batch.Entries);
        Assert.Equal(AccountFileParser.ManagerFormat, batch.Format);
        Assert.Equal(("ada@example.com", "1//ada", "calm-wave", AccountTier.Ultra, false, "invalid_grant"),
            (entry.Email, entry.RefreshToken, entry.ProjectId, entry.Tier, entry.Enabled, entry.DisabledReason));
    }

    [Fact]
    public void Parse_BareRefreshToken_IsOneEntryWithoutEmail()
    {
        var batch = AccountFileParser.Parse("  1//0abcdefghijklmnop\n");

        var entry = Assert.Single(batch.Entries);
        Assert.Null(entry.Email);
        Assert.Equal("1//0abcdefghijklmnop", entry.RefreshToken);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"version\": 4, \"accounts\": [", "not valid JSON")]
    [InlineData("{\"version\": 2, \"accounts\": []}", "version 2")]
    [InlineData("{\"version\": 9, \"accounts\": []}", "version 9")]
    [InlineData("{\"version\": 4, \"accounts\": [{\"email\": \"a@b.c\"}]}", "no refreshToken")]
    [InlineData("{\"version\": \"2.0\", \"accounts\": [{\"id\": \"x\", \"email\": \"a@b.c\"}]}", "index")]
    [InlineData("{\"hello\": 1}", "Not a recognised")]
    [InlineData("just some words", "Not a recognised")]
    [InlineData("[{\"email\": \"a@b.c\"}]", "no refresh_token")]
    public void Parse_BadInput_ReturnsClearError(string text, string expected)
    {
        var batch = AccountFileParser.Parse(text);

        Assert.Empty(batch.Entries);
        Assert.Contains(expected, batch.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EncryptedExport_AsksForPassphrase()
    {
        var json = ExportEnvelope.Encrypt("{}", "pw").ToJsonString();

        var batch = AccountFileParser.Parse(json);

        Assert.True(batch.NeedsPassphrase);
        Assert.Null(batch.Error);
    }
}
