using System.Security.Cryptography;
using System.Text;

namespace TikTimer.Api.Migrations;

/// <summary>One versioned SQL script, e.g. <c>0003_posts.sql</c> is version 3 named "posts".</summary>
public sealed record Migration(int Version, string Name, string Sql)
{
    /// <summary>SHA-256 of the script, recorded when applied, so an edited applied script is caught.</summary>
    public string Checksum { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));

    public string Id => $"{Version:D4}_{Name}";

    public override string ToString() => Id;
}
