#include "io/provenance.h"

#include "core/sha256.h"
#include "io/file_output.h"

#include <ctime>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

namespace cspine
{
std::string utc_now()
{
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

ProvenanceFile::ProvenanceFile(const std::string &directory, const bool resuming, const ProvenanceSession &session,
                               const MPI_Comm communicator)
    : path(directory + "/provenance.txt"), comm(communicator)
{
  int rank = 0;
  MPI_Comm_rank(comm, &rank);
  if (rank == 0)
    compose(resuming, session);
  finish("running");
}

void ProvenanceFile::compose(const bool resuming, const ProvenanceSession &session)
{
  if (resuming)
  {
    std::ifstream old(path);
    earlier.assign(std::istreambuf_iterator<char>(old), std::istreambuf_iterator<char>());
    if (!earlier.empty() && earlier.back() != '\n')
      earlier += '\n';
  }
  std::ostringstream text;
  text << "[session]\n"
       << (resuming ? "kind: resumed from the checkpoint\n" : "kind: run\n") << "cspine version: " << session.version
       << "\n"
       << "command line: " << session.command_line << "\n"
       << "MPI ranks: " << session.ranks << "\n"
       << "host: " << session.host << "\n"
       << "started: " << utc_now() << "\n";
  for (const auto &[what, file] : session.inputs)
  {
    std::string digest;
    try
    {
      digest = sha256_of_file(file);
    }
    catch (const std::runtime_error &)
    {
      digest = "unreadable";
    }
    text << "sha256 " << what << ": " << digest << "  " << file << "\n";
  }
  for (const std::string &model : session.models)
    text << "model: " << model << "\n";
  block = text.str();
}

void ProvenanceFile::finish(const std::string &status)
{
  const std::string ended = status == "running" ? "" : "ended: " + utc_now() + "\n";
  std::string one_line = status; // a message may span lines; the file keeps one entry per line
  for (char &c : one_line)
    c = c == '\n' ? ' ' : c;
  write_on_root(comm, [&]() { write_file_atomically(path, earlier + block + ended + "status: " + one_line + "\n"); });
}

std::string host_name()
{
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0)
    return "unknown";
  return name;
}
} // namespace cspine
