#include "io/file_output.h"

#include <deal.II/base/mpi.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <unistd.h>

namespace cspine
{
namespace
{
std::string reason()
{
  return errno ? std::strerror(errno) : "unknown reason";
}
} // namespace

void write_file_atomically(const std::string &path, const std::string &content)
{
  const std::string temporary = path + ".tmp";
  errno = 0;
  // POSIX I/O: fsync before the rename, so that after a crash the name points at a complete file.
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0)
    throw OutputError("cannot write " + temporary + ": " + reason());
  std::size_t written = 0;
  while (written < content.size())
  {
    const ssize_t n = ::write(fd, content.data() + written, content.size() - written);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
    {
      const std::string why = reason();
      ::close(fd);
      std::remove(temporary.c_str());
      throw OutputError("cannot write " + path + ": " + why + " (the previous version is kept)");
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0)
  {
    const std::string why = reason();
    std::remove(temporary.c_str());
    throw OutputError("cannot write " + path + ": " + why + " (the previous version is kept)");
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0)
    throw OutputError("cannot rename " + temporary + " to " + path + ": " + reason());
}

void check_written(const std::ofstream &stream, const std::string &path)
{
  if (!stream)
    throw OutputError("cannot write " + path + ": " + reason());
}

void write_checked(const std::string &what, const std::function<void()> &write)
{
  errno = 0;
  try
  {
    write();
  }
  catch (const std::exception &)
  {
    throw OutputError("cannot write " + what + ": " + reason());
  }
}

void truncate_file(const std::string &path, const unsigned long long size)
{
  std::error_code error;
  std::filesystem::resize_file(path, size, error);
  if (error)
    throw OutputError("cannot cut " + path + " back to its checkpointed length: " + error.message());
}

void write_on_root(const MPI_Comm comm, const std::function<void()> &write)
{
  std::string failure;
  if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
    try
    {
      write();
    }
    catch (const OutputError &error)
    {
      failure = error.what();
    }
  failure = dealii::Utilities::MPI::broadcast(comm, failure, 0);
  if (!failure.empty())
    throw OutputError(failure);
}

unsigned long long file_size(const std::string &path)
{
  std::error_code error;
  const auto size = std::filesystem::file_size(path, error);
  return error ? 0 : static_cast<unsigned long long>(size);
}
} // namespace cspine
